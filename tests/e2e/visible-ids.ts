import type { Page } from 'playwright-core';

/** What the store and the workstation name documents with (server/store/doc-id.ts): 9 base-36 digits of time, 13 random. */
export const GENERATED_ID = /(?<![0-9a-z])(?=[0-9a-z]*\d)(?=[0-9a-z]*[a-z])[0-9a-z]{22}(?![0-9a-z])/g;

/**
 * Every text node and field value on the page, inside every shadow root. A string, not a function:
 * tsx would wrap a named inner function in a helper the page does not have.
 */
const VISIBLE_TEXT = `(() => {
  const parts = [];
  const walk = (root) => {
    for (const node of Array.from(root.childNodes)) {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent || '');
      if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) parts.push(node.value);
      if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
      if (node instanceof Element && node.tagName !== 'SCRIPT' && node.tagName !== 'STYLE') walk(node);
    }
  };
  walk(document.body);
  return parts.join('\\n');
})()`;

/** The generated-id-shaped strings in the text a person sees, none expected. */
export async function visibleGeneratedIds(page: Page): Promise<string[]> {
  const text = await page.evaluate<string>(VISIBLE_TEXT);
  return [...text.matchAll(GENERATED_ID)].map((m) => m[0]);
}
