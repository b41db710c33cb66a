import type { Label } from '../../design/label.js';
import { CSRF_HEADER, currentSession } from './session-api.js';

/** A request to the server's API that failed: its answer's `{error, reason}`, or status 0 when there was no answer. */
export class ApiError extends Error {
  /** `said`: the reason in both languages, when the server gives it (an administrator's refusal). */
  constructor(readonly status: number, readonly error: string, readonly reason: string, readonly said?: Label) {
    super(reason);
    this.name = 'ApiError';
  }
}

export interface ApiRequest {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The session's CSRF token: every POST, PUT and DELETE needs it. */
  readonly csrf?: string;
  /** A JSON body, or a form (a file upload). */
  readonly json?: unknown;
  readonly form?: FormData;
  readonly signal?: AbortSignal;
}

/** Calls the server's API; an answer that is not a success, or none, is an ApiError. */
export async function callApi(path: string, { method = 'GET', csrf, json, form, signal }: ApiRequest = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal,
      headers: { ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...(csrf ? { [CSRF_HEADER]: csrf } : {}) },
      body: json === undefined ? form : JSON.stringify(json),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'unreachable', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string; reason?: string; fields?: { field?: unknown; message?: Partial<Label> }[] } | null;
    const message = body?.fields?.length === 1 && body.fields[0]?.field === '' ? body.fields[0].message : undefined;
    const said = typeof message?.zh === 'string' && typeof message.en === 'string' ? { zh: message.zh, en: message.en } : undefined;
    throw new ApiError(response.status, body?.error ?? `http_${response.status}`, body?.reason ?? response.statusText, said);
  }
  return response;
}

export async function callJson<T>(path: string, request: ApiRequest = {}): Promise<T> {
  return (await (await callApi(path, request)).json()) as T;
}

/** The file name the server gave an answer (`Content-Disposition`), or `fallback`. */
export function filenameOf(response: Response, fallback: string): string {
  return /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallback;
}

/**
 * Hands a file to the browser to save, as a click on a download link would. The blob URL is of
 * Guanxi's own origin: typed as plain bytes, it can only be saved, never rendered there (an HTML
 * or SVG file someone attached would otherwise run as the person who opened it).
 */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(new Blob([blob], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  // The download has taken the bytes by then; the URL would otherwise hold them until the page closes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Fetches a file from the API and saves it under the name the server gave it. */
export async function downloadFile(path: string, fallback: string): Promise<void> {
  const response = await callApi(path);
  saveFile(await response.blob(), filenameOf(response, fallback));
}

/** What a call that needs the server came to: its answer, or why not. */
export type ServerOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: Label | string };

/**
 * Runs `call` with the signed-in session's CSRF token. Signed out or unreachable, the answer is
 * `offline` (what the workstation says that this step needs); a refusal is the server's reason.
 */
export async function onServer<T>(offline: Label, call: (csrf: string) => Promise<T>): Promise<ServerOutcome<T>> {
  const session = await currentSession();
  if (session.kind !== 'signed-in') return { ok: false, reason: offline };
  try {
    return { ok: true, value: await call(session.csrf) };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, reason: error.status === 0 ? offline : error.reason };
    throw error;
  }
}
