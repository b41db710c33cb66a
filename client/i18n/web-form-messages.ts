/** The texts of a website form's code and key in the workstation; messages.ts adds them to the rest. */
export const WEB_FORM_EN = {
  webFormCode: 'Code for the company website (paste it into a page; no script needed)',
  webInquiryCode: 'Inquiry form',
  webSubscribeCode: 'Newsletter sign-up',
  newSiteKey: 'Make a new site key for the JSON API',
  siteKeyShown: 'The site key (shown once; the previous one stops working):',
};

export const WEB_FORM_ZH: typeof WEB_FORM_EN = {
  webFormCode: '放到公司网站上的代码（粘贴到网页中，无需脚本）',
  webInquiryCode: '询盘表单',
  webSubscribeCode: '订阅新闻邮件',
  newSiteKey: '为 JSON 接口生成新的网站密钥',
  siteKeyShown: '网站密钥（只显示这一次；旧密钥即时失效）：',
};
