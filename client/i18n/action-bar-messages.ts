/** The action bar's menu of the less used actions, and the bar between the panes; messages.ts adds them to the rest. */
export const ACTION_BAR_EN = {
  moreActions: 'More',
  resizePanes: 'Drag to resize the view and the document',
};

export const ACTION_BAR_ZH: typeof ACTION_BAR_EN = {
  moreActions: '更多',
  resizePanes: '拖动以调整视图和文档的大小',
};
