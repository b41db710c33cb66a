import escapeHtml from 'escape-html';

/**
 * The HTML a company pastes into its website (docs/web-capture.md): a plain form that posts to
 * Guanxi, no script needed. The hidden `leave_empty` field is the honeypot: moved off screen, so
 * people leave it empty and form-filling programs fill it. Shown in the workstation on each website
 * form, with this server's address and the form's id filled in.
 */
export function inquirySnippet(server: string, siteId: string, consentText: string, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  const field = (name: string, label: string, attributes = '') => `  <p><label>${label}<br><input name="${name}"${attributes}></label></p>`;
  return [
    `<form action="${escapeHtml(server.replace(/\/+$/, ''))}/web/inquiry" method="post" accept-charset="utf-8">`,
    `  <input type="hidden" name="site" value="${escapeHtml(siteId)}">`,
    `  <input type="hidden" name="lang" value="${lang}">`,
    field('name', zh ? '姓名' : 'Name', ' required maxlength="100"'),
    field('company', zh ? '公司' : 'Company', ' maxlength="200"'),
    field('email', zh ? '邮箱' : 'E-mail', ' type="email" required maxlength="320"'),
    field('country', zh ? '国家' : 'Country', ' maxlength="60"'),
    field('product', zh ? '产品' : 'Product', ' maxlength="200"'),
    field('quantity', zh ? '数量' : 'Quantity', ' maxlength="60"'),
    `  <p><label>${zh ? '留言' : 'Message'}<br><textarea name="message" rows="5" required maxlength="5000"></textarea></label></p>`,
    `  <p style="position:absolute;left:-10000px" aria-hidden="true"><label>${zh ? '请勿填写' : 'Leave this empty'} <input name="leave_empty" tabindex="-1" autocomplete="off"></label></p>`,
    `  <p><label><input type="checkbox" name="consent" value="yes" required> ${escapeHtml(consentText)}</label></p>`,
    `  <p><button type="submit">${zh ? '发送询盘' : 'Send inquiry'}</button></p>`,
    '</form>',
  ].join('\n');
}

/** The newsletter sign-up: an address, a name, the consent; the address gets a link to confirm. */
export function subscribeSnippet(server: string, siteId: string, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  return [
    `<form action="${escapeHtml(server.replace(/\/+$/, ''))}/web/subscribe" method="post" accept-charset="utf-8">`,
    `  <input type="hidden" name="site" value="${escapeHtml(siteId)}">`,
    `  <input type="hidden" name="lang" value="${lang}">`,
    `  <p><label>${zh ? '邮箱' : 'E-mail'} <input name="email" type="email" required maxlength="320"></label>`,
    `  <label>${zh ? '姓名' : 'Name'} <input name="name" maxlength="100"></label></p>`,
    `  <p style="position:absolute;left:-10000px" aria-hidden="true"><input name="leave_empty" tabindex="-1" autocomplete="off"></p>`,
    `  <p><label><input type="checkbox" name="consent" value="yes" required> ${zh ? '我同意接收新闻邮件，可随时退订。' : 'Send me the newsletter; I can unsubscribe at any time.'}</label></p>`,
    `  <p><button type="submit">${zh ? '订阅' : 'Subscribe'}</button></p>`,
    '</form>',
  ].join('\n');
}
