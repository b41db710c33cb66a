import type { DirectoryPicks } from '../../design/directory-picks.js';
import { ApiError, callJson } from './server-api.js';
import { readStored, writeStored } from './user-storage.js';

/** The directory as last read from the server: what pickers offer while the server cannot be reached. */
const REMEMBERED = 'guanxi.directory';

/** The request under way: a form with several names fields opens as many pickers at once, and they share one answer. */
let asking: Promise<DirectoryPicks> | undefined;

/**
 * Asked of the server each time a picker opens (a department made a minute ago is offered) and
 * remembered; offline, or with the server down, the remembered directory answers, so colleagues
 * and departments can still be chosen. Only a directory never read on this browser fails.
 */
export function loadDirectoryPicks(): Promise<DirectoryPicks> {
  asking ??= askServer().finally(() => (asking = undefined));
  return asking;
}

async function askServer(): Promise<DirectoryPicks> {
  try {
    const picks = await callJson<DirectoryPicks>('/api/directory');
    writeStored(REMEMBERED, picks);
    return picks;
  } catch (error) {
    const remembered = readStored<DirectoryPicks | null>(REMEMBERED, null);
    if (remembered && error instanceof ApiError && (error.status === 0 || error.status >= 500)) return remembered;
    throw error;
  }
}
