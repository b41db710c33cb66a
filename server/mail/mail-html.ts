import { compile, type FormatCallback } from 'html-to-text';
import sanitizeHtml from 'sanitize-html';

// What mail clients use to lay out a message; no forms, frames, objects or scripts.
const TAGS = [
  ...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center', 'style', 'span', 'del', 'ins', 'u', 's', 'strike', 'big', 'small', 'tt',
];
const LAYOUT_ATTRIBUTES = ['style', 'class', 'id', 'align', 'valign', 'width', 'height', 'bgcolor', 'color', 'border', 'cellpadding', 'cellspacing', 'dir', 'lang', 'title'];

/**
 * The HTML of a received message as the workstation may show it: scripts, event handlers, forms
 * and frames are removed; images keep `http(s):` (blocked by the reading frame until allowed),
 * `cid:` (the message's own parts) and `data:` sources. Styles stay: the frame that shows them
 * runs no script and loads nothing remote unless the reader allows it.
 */
export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: TAGS,
    allowVulnerableTags: true,
    allowedAttributes: {
      '*': LAYOUT_ATTRIBUTES,
      a: ['href', 'name', 'target', 'rel', ...LAYOUT_ATTRIBUTES],
      img: ['src', 'alt', ...LAYOUT_ATTRIBUTES],
      font: ['face', 'size', 'color', ...LAYOUT_ATTRIBUTES],
      td: ['colspan', 'rowspan', 'nowrap', ...LAYOUT_ATTRIBUTES],
      th: ['colspan', 'rowspan', 'nowrap', ...LAYOUT_ATTRIBUTES],
      blockquote: ['type', 'cite', ...LAYOUT_ATTRIBUTES],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https', 'cid', 'data'] },
    allowProtocolRelative: false,
    // Links open outside the frame, never in it.
    transformTags: { a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer' }) },
  });
}

// Gmail, Foxmail, QQ Mail, 163 and Outlook mark the signature block; its text starts with the
// usenet separator so readers and filters recognise it.
const SIGNATURE_SELECTORS = ['div.gmail_signature', 'div#signature', 'div.signature', 'div#netease_mail_footer', 'div.qmbox', 'div#Signature'];

const signature: FormatCallback = (elem, walk, builder) => {
  builder.openBlock({ leadingLineBreaks: 2 });
  builder.addLiteral('-- ');
  builder.closeBlock({ trailingLineBreaks: 1 });
  builder.openBlock({ leadingLineBreaks: 1 });
  walk(elem.children, builder);
  builder.closeBlock({ trailingLineBreaks: 2 });
};

// Compiled once: building the converter costs more than converting a message.
const toText = compile({
  wordwrap: false,
  formatters: { signature },
  selectors: [
    { selector: 'img', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'head', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true, ignoreHref: false, noAnchorUrl: true, linkBrackets: ['<', '>'] } },
    { selector: 'blockquote', options: { trimEmptyLines: true } },
    // Layout tables, as notifications and newsletters are built: a row is a line.
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block' },
    ...['td', 'th'].map((selector) => ({ selector, format: 'inlineSurround', options: { prefix: '', suffix: ' ' } })),
    // Headings keep their case: a person's words are searched as written.
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    ...SIGNATURE_SELECTORS.map((selector) => ({ selector, format: 'signature' })),
  ],
});

/**
 * The text of an HTML message, for search, filing and rules: quoted mail (`<blockquote>`) keeps
 * `> ` in front of its lines, a signature follows `-- `, links keep their address, and lines are
 * never wrapped (Chinese has no spaces to wrap at, and a reader's window wraps for itself).
 */
export function textOfMailHtml(html: string): string {
  return toText(html).replace(/(?<!^--)[ \t\u00a0]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim();
}
