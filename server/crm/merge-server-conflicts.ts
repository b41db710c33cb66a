import type { Doc, SaveContext } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import type { Database } from '../store/store.js';
import { updateDoc } from './update-doc.js';

/** Items only the server writes on CRM records: what the server's side of a conflict gives. */
const SERVER_ITEMS = ['code', 'number', 'lastContact', 'remindedAt'] as const;

const byServer = (doc: Doc) => doc.modifiedBy === SERVER_USER.name;

/** The person's version with what the server's version added and the person's lacks. */
function merged(person: Doc, server: Doc): Doc {
  const carried = SERVER_ITEMS.filter((item) => server[item] !== undefined && (person[item] === undefined || (item === 'lastContact' && String(server[item]) > String(person[item]))));
  return { ...person, ...Object.fromEntries(carried.map((item) => [item, server[item]])) };
}

/**
 * A workstation that edited a record offline while the server numbered it makes a conflict: the
 * person's edit and the server's revision. Whichever wins, nothing a person wrote is lost by
 * merging them: the person's version with the server's items is saved on the winner and the other
 * branch is closed. Conflicts between two people's edits stay, for people to resolve.
 */
export async function mergeServerConflicts(crm: Database, id: string, ctx: () => SaveContext): Promise<void> {
  let winner: Doc & { _conflicts?: string[] };
  try {
    winner = await crm.pouch.get(id, { conflicts: true });
  } catch (error) {
    if ((error as { status?: number }).status === 404) return;
    throw error;
  }
  for (const rev of winner._conflicts ?? []) {
    const loser = (await crm.pouch.get(id, { rev })) as Doc;
    if (byServer(loser) === byServer(winner)) continue;
    await updateDoc(crm, id, (current) => {
      const { _rev: _loserRev, ...loserContent } = loser;
      return byServer(loser) ? merged(current, loser) : { ...merged(loserContent, current), _rev: current._rev };
    }, ctx);
    await crm.pouch.remove(id, rev);
  }
}
