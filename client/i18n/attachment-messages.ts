/** The texts of a document's files in the workstation; messages.ts adds them to the rest. */
export const ATTACHMENT_EN = {
  noFiles: 'No files',
  addFiles: 'Add files…',
  fileName: 'Name',
  fileSize: 'Size',
  fileType: 'Type',
  downloadFile: 'Download',
  removeFile: 'Remove',
  fileLimits: (perFile: string, perDocument: string) => `at most ${perFile} a file, ${perDocument} in all`,
  fileUnavailable: (name: string) => `“${name}” cannot be read from this replica: wait for the sync and try again.`,
};

export const ATTACHMENT_ZH: typeof ATTACHMENT_EN = {
  noFiles: '没有附件',
  addFiles: '添加文件…',
  fileName: '文件名',
  fileSize: '大小',
  fileType: '类型',
  downloadFile: '下载',
  removeFile: '删除',
  fileLimits: (perFile, perDocument) => `每个文件不超过 ${perFile}，合计不超过 ${perDocument}`,
  fileUnavailable: (name) => `无法从本机副本读取“${name}”，请等同步完成后再试。`,
};
