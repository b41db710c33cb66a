import type { Doc } from '../../design/form.js';
import { sameJson } from './json-equal.js';

/**
 * A draft begun on `base` and saved after `latest` arrived (the server numbered the record, a
 * colleague's edit replicated): the person's own changes applied to `latest`, so that what others
 * changed in fields the person did not touch is kept rather than overwritten.
 */
export function rebaseDraft(draft: Doc, base: Doc, latest: Doc): Doc {
  const out: Doc = { ...latest };
  for (const key of new Set([...Object.keys(draft), ...Object.keys(base)])) {
    if (key === '_rev' || sameJson(draft[key], base[key])) continue;
    if (draft[key] === undefined) delete out[key];
    else out[key] = draft[key];
  }
  return out;
}
