import type { Label } from '../../design/label.js';
import { callJson, onServer, type ServerOutcome } from './server-api.js';

const NEEDS_NETWORK: Label = {
  zh: '无法连接服务器：网站密钥只保存在服务器上，请联网后再生成。',
  en: 'The server cannot be reached: site keys are kept on the server only. Make one when online.',
};

/** Asks the server (server/web/web-routes.ts) for a new key of the website form's JSON API. */
export function newSiteKey(siteId: string): Promise<ServerOutcome<string>> {
  return onServer(NEEDS_NETWORK, async (csrf) => (await callJson<{ key: string }>(`/api/web/sites/${encodeURIComponent(siteId)}/key`, { method: 'POST', csrf })).key);
}
