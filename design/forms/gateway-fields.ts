import { fieldError } from '../field-error.js';
import type { Doc, FieldError } from '../form.js';
import type { UserContext } from '../user.js';

export function isServerUser(user: UserContext): boolean {
  return user.roles.includes('[Server]');
}

/** What is handed to a server gateway (mail, fax): statuses a person may set, fields only the gateway writes. */
export interface GatewayOwned {
  readonly userStatuses: ReadonlySet<string>;
  readonly serverFields: readonly string[];
}

/**
 * People write drafts and queue them; once queued with the gateway (claimed, sent, failed) a
 * document is the gateway's, and the gateway's own fields are never a person's to set.
 */
export function gatewayWriteErrors(doc: Doc, oldDoc: Doc | null, owned: GatewayOwned): FieldError[] {
  const errors: FieldError[] = [];
  if (doc.status !== oldDoc?.status && !owned.userStatuses.has(String(doc.status))) {
    errors.push(fieldError('status', 'rule', '只能保存为草稿或待发送', 'Can only be saved as a draft or queued'));
  }
  if (oldDoc && oldDoc.status !== undefined && !owned.userStatuses.has(String(oldDoc.status))) {
    errors.push(fieldError('status', 'rule', '已交给网关发送，不能再修改', 'It is with the gateway and can no longer be changed'));
  }
  for (const field of owned.serverFields) {
    if (JSON.stringify(doc[field]) !== JSON.stringify(oldDoc?.[field])) {
      errors.push(fieldError(field, 'rule', '此字段由网关填写', 'This field is written by the gateway'));
    }
  }
  return errors;
}
