/** The texts of a complaint's steps and history; messages.ts adds them to the rest. */
export const COMPLAINT_EN = {
  complaintHistory: 'History',
  complaintNoHistory: 'No step taken yet.',
  complaintDepartment: 'Department',
  complaintNoMembers: '(no members)',
  complaintHandlers: 'Handlers (optional with a department)',
  complaintNote: 'Note',
  complaintCancel: 'Cancel',
  complaintLoading: 'Reading the directory…',
  complaintChoose: '— choose a department —',
  complaintSentTo: (to: string) => `to ${to}`,
  complaintSolution: 'Solution',
  complaintSummary: 'Summary',
};

export const COMPLAINT_ZH: typeof COMPLAINT_EN = {
  complaintHistory: '处理过程',
  complaintNoHistory: '尚未办理任何步骤。',
  complaintDepartment: '处理部门',
  complaintNoMembers: '（无成员）',
  complaintHandlers: '处理人（指定部门时可不选）',
  complaintNote: '说明',
  complaintCancel: '取消',
  complaintLoading: '正在读取通讯录…',
  complaintChoose: '— 请选择部门 —',
  complaintSentTo: (to) => `转交 ${to}`,
  complaintSolution: '解决方案',
  complaintSummary: '总结',
};
