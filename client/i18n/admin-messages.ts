/** The texts of the first start and of administration; messages.ts adds them to the rest. */
export const ADMIN_EN = {
  setupTitle: 'Set up Guanxi: the first administrator',
  setupIntro: 'Nobody administers this Guanxi yet. Choose the administrator’s name and password; this link then stops working.',
  setupRepeat: 'Password again',
  setupCreate: 'Create the administrator and sign in',
  setupMismatch: 'The two passwords differ.',
  setupNeeded: 'No administrator yet: open the setup link the server printed on its console when it started.',
  setupInvalidLink: 'This setup link is no longer valid (it works once): sign in instead.',
};

export const ADMIN_ZH: typeof ADMIN_EN = {
  setupTitle: '设置关系：第一位管理员',
  setupIntro: '本系统还没有管理员。请设定管理员的姓名和密码；完成后此链接即失效。',
  setupRepeat: '再次输入密码',
  setupCreate: '创建管理员并登录',
  setupMismatch: '两次输入的密码不一致。',
  setupNeeded: '尚无管理员：请打开服务器启动时在控制台上打印的设置链接。',
  setupInvalidLink: '此设置链接已失效（只能使用一次）：请直接登录。',
};
