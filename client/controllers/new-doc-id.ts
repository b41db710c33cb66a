/** Time-ordered like the server's ids (server/store/doc-id.ts), so new documents append to the by-id index. */
export function newDocId(now = Date.now()): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const random = bytes.reduce((n, byte) => (n << 8n) | BigInt(byte), 0n).toString(36).padStart(13, '0');
  return now.toString(36).padStart(9, '0') + random;
}
