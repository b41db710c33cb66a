import type { DirectoryPicks } from '../../design/directory-picks.js';
import { callJson } from './server-api.js';

/** Asked of the server each time a picker opens: a department made a minute ago is offered. */
export function loadDirectoryPicks(): Promise<DirectoryPicks> {
  return callJson<DirectoryPicks>('/api/directory');
}
