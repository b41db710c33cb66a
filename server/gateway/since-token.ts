/**
 * The sequences the gateway hands a workstation carry the user's access epoch with the store's own
 * sequence: when the user's access changes (roles, groups, ACL), the next `_changes` request finds a
 * different epoch and starts from the beginning, so newly readable documents arrive and newly
 * hidden ones are removed even though none of them changed.
 */
export type StoreSeq = number | string;

export function encodeSeq(epoch: string, seq: StoreSeq): string {
  return `${epoch}~${seq}`;
}

export function decodeSince(since: unknown, epoch: string): StoreSeq {
  if (since === undefined || since === null || since === '' || since === 0 || since === '0') return 0;
  const text = String(since);
  const cut = text.indexOf('~');
  if (cut < 0 || text.slice(0, cut) !== epoch) return 0;
  const seq = text.slice(cut + 1);
  return /^\d+$/.test(seq) ? Number(seq) : seq;
}
