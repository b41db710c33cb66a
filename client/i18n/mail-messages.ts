/** The texts of mail in the workstation (compose, reply, forward, filing); messages.ts adds them to the rest. */
export const MAIL_EN = {
  writeMail: 'Write e-mail',
  reply: 'Reply',
  forward: 'Forward',
  send: 'Send',
  quoteHeader: (date: string, who: string) => `On ${date}, ${who} wrote:`,
  forwardHeader: (from: string, date: string, subject: string, to: string) =>
    `---------- Forwarded message ----------\nFrom: ${from}\nDate: ${date}\nSubject: ${subject}\nTo: ${to}`,
  mailTemplate: 'Template',
  noTemplate: '(no template)',
  templateApplied: 'The template replaced the subject and body.',
  leadTitle: 'This message is not filed yet (a new lead):',
  assignToContact: 'Assign to contact',
  createContactFromSender: 'Create contact from sender',
  findContact: 'Contact (type a name)',
  findCustomer: 'Customer of the new contact (type a name)',
  chooseFirst: 'Choose one from the list first.',
  assigned: 'The message is filed under the contact.',
  contactCreated: 'The contact is created and the message filed under it.',
  filingFailed: (reason: string) => `Not done: ${reason}`,
};

export const MAIL_ZH: typeof MAIL_EN = {
  writeMail: '写邮件',
  reply: '回复',
  forward: '转发',
  send: '发送',
  quoteHeader: (date, who) => `${date}，${who} 写道：`,
  forwardHeader: (from, date, subject, to) =>
    `---------- 转发的邮件 ----------\n发件人：${from}\n日期：${date}\n主题：${subject}\n收件人：${to}`,
  mailTemplate: '模板',
  noTemplate: '（不用模板）',
  templateApplied: '已用模板替换主题和正文。',
  leadTitle: '此邮件尚未归档（潜在客户）：',
  assignToContact: '分配给联系人',
  createContactFromSender: '由发件人创建联系人',
  findContact: '联系人（输入姓名）',
  findCustomer: '新联系人所属客户（输入名称）',
  chooseFirst: '请先从列表中选择。',
  assigned: '邮件已归档到该联系人。',
  contactCreated: '已创建联系人，邮件已归档到其下。',
  filingFailed: (reason) => `未完成：${reason}`,
};
