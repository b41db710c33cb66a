/** The texts of quotations, proforma invoices and payment reminders; messages.ts adds them to the rest. */
export const QUOTATION_EN = {
  quotationNew: 'New quotation',
  proformaNew: 'New proforma invoice',
  paymentReminder: 'Payment reminder',
  paymentReminderPrompt: 'Send the reminder of the overdue payments to (empty: the customer’s first contact with an e-mail address):',
  paymentReminderSent: (to: string) => `Payment reminder queued for sending${to ? ` to ${to}` : ''}; recorded on the deal.`,
  quotationPdf: 'View PDF',
  quotationSend: 'Send by mail',
  quotationSendConfirm: (to: string) => `Number it, make the PDF and mail it to ${to}? It cannot be changed afterwards.`,
  quotationSent: 'Queued for sending with its PDF; recorded on the deal.',
  creditTermsNew: 'Change credit terms',
  creditTermsApply: 'Apply to the deal',
  creditTermsApplied: 'The credit terms now apply to the deal.',
};

export const QUOTATION_ZH: typeof QUOTATION_EN = {
  quotationNew: '新建报价单',
  proformaNew: '新建形式发票',
  paymentReminder: '付款提醒',
  paymentReminderPrompt: '逾期付款提醒发送给（不填：客户第一位留有电子邮件地址的联系人）：',
  paymentReminderSent: (to) => `付款提醒已排队发送${to ? `给 ${to}` : ''}，并记录在业务上。`,
  quotationPdf: '查看 PDF',
  quotationSend: '邮件发送',
  quotationSendConfirm: (to) => `编号、生成 PDF 并发送给 ${to}？发送后不能再修改。`,
  quotationSent: '已连同 PDF 排队发送，并记录在业务上。',
  creditTermsNew: '变更信用条件',
  creditTermsApply: '生效到业务',
  creditTermsApplied: '信用条件已在业务上生效。',
};
