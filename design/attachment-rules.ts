import { fieldError } from './field-error.js';
import type { Doc, FieldError, FormDef } from './form.js';
import type { Label } from './label.js';
import { isServerUser } from './forms/gateway-fields.js';
import type { UserContext } from './user.js';

export const MB = 1024 * 1024;
/** Where attachment errors are reported: the document's files, not one of its fields. */
export const ATTACHMENTS_FIELD = '_attachments';
/** In UTF-8 bytes, what file systems take: the file can be saved under its name on any disk. */
const MAX_NAME_BYTES = 255;
const utf8 = new TextEncoder();
/** C0 and C1 controls, line and paragraph separators, and the marks that make text read backwards (U+202E). */
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/**
 * Why a file may not have this name, or null when it may: the one rule of the workstation and the
 * server. A name is one segment of a URL (`/sync/crm/<id>/<name>`) and of a path on the disk it is
 * saved to, so no `/` or `\`, no `..`, nothing unprintable or reversing, and not CouchDB's reserved `_`.
 */
export function attachmentNameProblem(name: string): Label | null {
  if (name.trim() === '') return { zh: '文件名不能为空', en: 'A file name may not be empty' };
  if (name.startsWith('_')) return { zh: `文件名“${name}”不能以“_”开头`, en: `The file name “${name}” may not start with “_”` };
  const shown = printable(name.slice(0, 80));
  if (/[/\\]/.test(name) || name.includes('..')) {
    return { zh: `文件名“${shown}”不能包含“/”、“\\”或“..”`, en: `The file name “${shown}” may not contain “/”, “\\” or “..”` };
  }
  if (name.search(UNSAFE_CHARACTERS) >= 0) {
    return { zh: `文件名“${shown}”含有控制字符或反向文字标记`, en: `The file name “${shown}” contains control characters or text direction marks` };
  }
  if (utf8.encode(name).length > MAX_NAME_BYTES) {
    return { zh: `文件名“${shown}…”太长（最多 ${MAX_NAME_BYTES} 字节）`, en: `The file name “${shown}…” is too long (at most ${MAX_NAME_BYTES} bytes)` };
  }
  return null;
}

/** The name with what may not be shown as it is written as `\\uXXXX`, for messages. */
function printable(name: string): string {
  return name.replace(UNSAFE_CHARACTERS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A name that passes the rule, made from one that arrived from outside (a received mail's file):
 * separators and dots runs become `_`, unprintable characters go, and it is cut to fit `reserve`
 * bytes short of the limit (room for a number such as ` (2)`).
 */
export function safeAttachmentName(name: string, reserve = 0): string {
  let safe = name.replace(UNSAFE_CHARACTERS, '').replace(/[/\\]/g, '_').replace(/\.{2,}/g, '.').replace(/^[_\s]+/, '').trim();
  while (utf8.encode(safe).length > MAX_NAME_BYTES - reserve) safe = [...safe].slice(0, -1).join('');
  return safe === '' || safe === '.' ? 'attachment' : safe;
}

/**
 * One file as PouchDB and CouchDB carry it: a stub (`stub`, `length`, `digest`) for a file stored
 * before, or its content in `data` (base64 over the wire, a Buffer on the server, a Blob in the browser).
 */
export interface AttachmentEntry {
  readonly content_type?: string;
  readonly stub?: boolean;
  readonly length?: number;
  readonly digest?: string;
  readonly data?: unknown;
}

export function attachmentsOf(doc: Doc | null | undefined): Readonly<Record<string, AttachmentEntry>> {
  const value = doc?._attachments;
  return value !== null && typeof value === 'object' ? (value as Record<string, AttachmentEntry>) : {};
}

/** A file's size in bytes, whichever way it is carried; null when it cannot be told. */
export function attachmentSize(entry: AttachmentEntry): number | null {
  const { data } = entry;
  if (typeof data === 'string') return base64Size(data);
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  if (data !== null && typeof data === 'object' && typeof (data as { size?: unknown }).size === 'number') return (data as { size: number }).size;
  return typeof entry.length === 'number' ? entry.length : null;
}

function base64Size(data: string): number {
  const clean = data.replace(/\s/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - padding;
}

/**
 * The files of a document against its form: whether the form takes files, who may change them,
 * their names and sizes. Run by validate(), so the workstation and the gateway agree.
 */
export function attachmentErrors(doc: Doc, oldDoc: Doc | null, form: FormDef, user: UserContext): FieldError[] {
  const files = Object.entries(attachmentsOf(doc));
  const def = form.attachments;
  if (!def) {
    return files.length === 0 ? [] : [error(`“${form.label.zh}”不能附加文件`, `${form.label.en} documents do not take files`)];
  }
  const server = isServerUser(user);
  if (!server && def.userMay && !def.userMay(doc) && filesChanged(doc, oldDoc)) {
    return [error(`此${form.label.zh}的“${def.label.zh}”不能更改`, `The ${def.label.en.toLowerCase()} of this ${form.label.en.toLowerCase()} cannot be changed`)];
  }
  const errors: FieldError[] = [];
  let total = 0;
  for (const [name, entry] of files) {
    const problem = attachmentNameProblem(name);
    if (problem) errors.push(error(problem.zh, problem.en));
    const size = attachmentSize(entry);
    if (size === null) {
      errors.push(error(`无法确定文件“${name}”的大小`, `The size of the file “${name}” cannot be told`));
      continue;
    }
    total += size;
    // The server's gateways file what arrives (a large received mail); the limits are for people.
    if (!server && size > def.maxBytes) {
      // Just over the limit would round to the limit itself: then the exact count says why.
      const shown = formatBytes(size) === formatBytes(def.maxBytes) ? `${size} B` : formatBytes(size);
      errors.push(error(`文件“${name}”（${shown}）超过了每个文件 ${formatBytes(def.maxBytes)} 的上限`,
        `The file “${name}” (${shown}) is larger than the ${formatBytes(def.maxBytes)} allowed per file`));
    }
  }
  if (!server && total > def.maxTotalBytes) {
    errors.push(error(`附件合计 ${formatBytes(total)}，超过了每个文档 ${formatBytes(def.maxTotalBytes)} 的上限`,
      `The files come to ${formatBytes(total)}, more than the ${formatBytes(def.maxTotalBytes)} allowed per document`));
  }
  return errors;
}

/** Whether files were added, removed or replaced since `oldDoc` (a stub, or the same digest, is the same file). */
function filesChanged(doc: Doc, oldDoc: Doc | null): boolean {
  const now = attachmentsOf(doc);
  const before = attachmentsOf(oldDoc);
  const names = Object.keys(now);
  if (names.length !== Object.keys(before).length) return true;
  return names.some((name) => {
    const old = before[name];
    const entry = now[name]!;
    return !old || !(entry.stub === true || (entry.digest !== undefined && entry.digest === old.digest));
  });
}

/** Sizes in messages: bytes, KB or MB, in both languages alike. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MB) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / MB).toFixed(1)} MB`;
}

function error(zh: string, en: string): FieldError {
  return fieldError(ATTACHMENTS_FIELD, 'rule', zh, en);
}
