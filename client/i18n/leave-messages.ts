/** The question asked on leaving a document with unsaved changes; messages.ts adds them to the rest. */
export const LEAVE_EN = {
  unsavedTitle: 'Unsaved changes',
  unsavedText: 'This document has changes that are not saved yet. Save them before leaving?',
  unsavedSave: 'Save',
  unsavedDiscard: 'Discard changes',
  unsavedStay: 'Stay here',
};

export const LEAVE_ZH: typeof LEAVE_EN = {
  unsavedTitle: '尚未保存的更改',
  unsavedText: '此文档有尚未保存的更改。离开前要保存吗？',
  unsavedSave: '保存',
  unsavedDiscard: '放弃更改',
  unsavedStay: '留在此处',
};
