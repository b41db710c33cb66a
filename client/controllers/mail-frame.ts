/**
 * The document a received message's HTML is shown in: a sandboxed `srcdoc` frame with no script,
 * whose own Content-Security-Policy loads nothing from the network unless the reader allowed
 * remote images for the sender; `cid:` images are the message's attachments, given as data URLs.
 * The HTML was sanitised by the mail gateway; the frame is the second wall, not the first.
 */
export function mailFrameDocument(html: string, options: { readonly remoteImages: boolean; readonly inline: ReadonlyMap<string, string> }): string {
  const images = options.remoteImages ? 'data: http: https:' : 'data:';
  const body = html.replace(/(\ssrc=["'])cid:([^"']*)(["'])/gi, (whole, open: string, cid: string, close: string) => {
    const url = options.inline.get(decodeEntities(cid));
    return url ? `${open}${url}${close}` : whole;
  });
  return `<!doctype html><html><head><meta charset="utf-8">`
    + `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${images}">`
    + `<base target="_blank">`
    + `</head><body>${body}</body></html>`;
}

/** Whether the HTML loads anything from the network that the reader has to allow first. */
export function hasRemoteImages(html: string): boolean {
  return /\ssrc=["']\s*(?:https?:)?\/\//i.test(html) || /url\(\s*['"]?\s*(?:https?:)?\/\//i.test(html);
}

function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

const ALLOWED_KEY = 'gx-remote-images-senders';

/** The senders whose remote images this workstation's reader allowed: kept on this workstation only. */
export function remoteImagesAllowed(sender: string): boolean {
  return readAllowed().includes(sender.toLowerCase());
}

export function allowRemoteImages(sender: string): void {
  const allowed = new Set(readAllowed());
  allowed.add(sender.toLowerCase());
  localStorage.setItem(ALLOWED_KEY, JSON.stringify([...allowed]));
}

function readAllowed(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(ALLOWED_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
