import type { Doc } from '../../design/form.js';
import { ATTACHMENTS_FIELD } from '../../design/attachment-rules.js';
import { rebaseFiles } from './document-files.js';
import { sameJson } from './json-equal.js';

/**
 * A draft begun on `base` and saved after `latest` arrived (the server numbered the record, a
 * colleague's edit replicated): the person's own changes applied to `latest`, so that what others
 * changed in fields the person did not touch is kept rather than overwritten.
 */
export function rebaseDraft(draft: Doc, base: Doc, latest: Doc): Doc {
  const out: Doc = { ...latest };
  for (const key of new Set([...Object.keys(draft), ...Object.keys(base)])) {
    if (key === '_rev') continue;
    if (key === ATTACHMENTS_FIELD) {
      out[key] = rebaseFiles(draft, base, latest);
      if (out[key] === undefined) delete out[key];
      continue;
    }
    if (sameJson(draft[key], base[key])) continue;
    if (draft[key] === undefined) delete out[key];
    else out[key] = draft[key];
  }
  return out;
}
