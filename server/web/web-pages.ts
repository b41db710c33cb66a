import escapeHtml from 'escape-html';
import type { FieldError } from '../../design/form.js';

/**
 * The pages a visitor sees from Guanxi hold no script and load nothing; their forms post back here
 * only, or are sent on from here to `redirectOrigin` (the site's thank-you page: browsers apply
 * form-action to a form's redirects too).
 */
export function pagePolicy(redirectOrigin?: string): string {
  return `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'${redirectOrigin ? ` ${redirectOrigin}` : ''}; base-uri 'none'`;
}

export const PAGE_POLICY = pagePolicy();

type Both = readonly [zh: string, en: string];

const STYLE = 'body{font:16px/1.6 system-ui,sans-serif;max-width:40em;margin:2em auto;padding:0 1em;color:#222}li{margin:.3em 0}button{font-size:1em;padding:.4em 1.2em}dt{font-weight:bold}';

/** A page in both languages: Guanxi does not know which the visitor reads, and each line is short. */
export function page(title: Both, lines: readonly Both[], extra = ''): string {
  const paragraphs = lines.map(([zh, en]) => `<p>${escapeHtml(zh)}<br><span lang="en">${escapeHtml(en)}</span></p>`).join('');
  return `<!doctype html><html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(`${title[0]} ${title[1]}`)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(title[0])} <span lang="en">${escapeHtml(title[1])}</span></h1>${paragraphs}${extra}</body></html>`;
}

export const THANK_YOU = page(['谢谢！', 'Thank you!'], [['我们已收到您的询盘，会尽快答复。', 'We received your inquiry and will answer soon.']]);
export const CHECK_MAILBOX = page(['请查收邮件', 'Please check your mailbox'], [['我们已向您的邮箱发送了一个确认链接。打开链接确认后，订阅才生效。', 'We mailed you a link. Your subscription starts once you open it and confirm.']]);
export const SUBSCRIBED = page(['订阅成功', 'Subscribed'], [['谢谢，您的订阅已确认。每封邮件都附有退订链接。', 'Thank you, your subscription is confirmed. Every mail carries a link to unsubscribe.']]);
export const NOT_GENUINE = page(['链接无效', 'Link not valid'], [['此确认链接无效或不完整。', 'This confirmation link is not valid or not complete.']]);
export const UNKNOWN_SITE = page(['表单未启用', 'Form not available'], [['此网站表单在 Guanxi 中没有设置或已停用。', 'This website form is not set up in Guanxi, or is turned off.']]);
export const FOREIGN_ORIGIN = page(['不接受来自此网站的表单', 'Not accepted from this site'], [['此表单只接受来自公司网站的提交。', 'This form is accepted only from the company\'s own website.']]);
export const TOO_MANY = page(['提交次数过多', 'Too many sendings'], [['同一地址一小时内提交次数过多，请稍后再试。', 'Too many sendings from this address within the hour; please try again later.']]);
export const TOO_LARGE = page(['内容过长', 'Too long'], [['提交的内容过长，请缩短留言后再试。', 'What was sent is too long; please shorten the message and try again.']]);
export const BAD_FORM = page(['无法读取表单', 'Form not readable'], [['提交的内容不是此表单发送的格式。', 'What was sent is not what this form sends.']]);
export const NOT_CONFIGURED = page(['暂不能订阅', 'Subscriptions unavailable'], [['服务器没有设置公开地址 (PUBLIC_URL)，无法发送确认链接。', 'The server has no public address (PUBLIC_URL) set, so no confirmation link can be sent.']]);

/** Each fault of what was sent, by field, with the way back to the form (whose values the browser keeps). */
export function errorsPage(errors: readonly FieldError[]): string {
  const items = errors.map((e) => `<li>${escapeHtml(e.message.zh)}<br><span lang="en">${escapeHtml(e.message.en)}</span></li>`).join('');
  return page(['请修改后再提交', 'Please correct and send again'], [['表单有以下问题，请返回修改：', 'The form has these problems; please go back and correct them:']], `<ul>${items}</ul>`);
}

/**
 * Asks the visitor to send once more when the form carried no fill time Guanxi signed (a static
 * page cannot) or was sent faster than a person fills it: the values are carried over, with the
 * time this page was shown. A person clicks; a program that posts blindly never gets further.
 */
export function confirmSendPage(action: string, values: Readonly<Record<string, string>>, shown: readonly (readonly [string, string])[]): string {
  const hidden = Object.entries(values).map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('');
  const summary = shown.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value).replace(/\n/g, '<br>')}</dd>`).join('');
  return page(['请确认发送', 'Please confirm'], [['请核对以下内容，然后点击“发送”。', 'Please check what you wrote, then press Send.']],
    `<dl>${summary}</dl><form method="post" action="${escapeHtml(action)}">${hidden}<button type="submit">发送 Send</button></form>`);
}

/** The confirmation link only asks: mail scanners open every link, and must subscribe nobody. */
export function confirmSubscriptionPage(address: string): string {
  return page(['确认订阅', 'Confirm subscription'], [[`订阅地址：${address}`, `Address: ${address}`]],
    '<form method="post"><button type="submit">确认订阅 Confirm</button></form>');
}
