import { canRead } from '../../design/access/document-access.js';
import type { Doc } from '../../design/form.js';
import { matchInterests, type ForumPost, type Interests } from '../../design/interest-match.js';
import { SERVER_USER } from '../../design/user.js';
import { toGuanxiError } from '../../engine/errors.js';
import type { Directory } from '../directory/directory.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';
import { addToDigest, digestNoticeId, immediateNotice, nextDigestTime, type DigestEntry } from './interest-notice-docs.js';

export interface InterestNotifierOptions {
  readonly store: Store;
  readonly directory: Directory;
  readonly logger: Logger;
  readonly now?: () => number;
  /** When daily digests are due, as an hour of the day in UTC (0 is 08:00 in China). */
  readonly digestHourUtc?: number;
}

/** Where the notifier is in the forum's changes; in the database, so a restart goes on from there. */
const CHECKPOINT = '_local/interest-notifier';
const BATCH = 100;
const POST_FORMS = new Set(['Topic', 'Response']);
/** A thread deeper than this is cut short when looking for its main topic (a cycle of parents). */
const MAX_DEPTH = 100;

type Checkpoint = { _id: string; _rev?: string; seq: string | number };

/**
 * Follows the forum's changes and tells each person about the new posts their interest profile
 * matches: a `Notice` per post, or a line in the day's digest notice, due at the digest hour, which
 * the scheduler and the mail gateway deliver. Only posts the person may read. Each notice has an id
 * made of person and post, so several servers, or a replay after a crash, never notify twice.
 */
export class InterestNotifier {
  private chain: Promise<unknown> = Promise.resolve();
  private feed: PouchDB.Core.Changes<object> | undefined;
  private readonly now: () => number;
  private readonly digestHourUtc: number;

  constructor(private readonly options: InterestNotifierOptions) {
    this.now = options.now ?? Date.now;
    this.digestHourUtc = options.digestHourUtc ?? 0;
  }

  /** Notifies for every post since the last run; resolves to how many notices it wrote or extended. */
  catchUp(): Promise<number> {
    const run = this.chain.then(() => this.run());
    this.chain = run.catch((error: unknown) => this.options.logger.error({ err: error }, 'interest notices: run failed'));
    return run;
  }

  /** Runs now and at every change of the forum, until closed. */
  start(): void {
    const pouch = this.options.store.database('discussion').pouch;
    this.feed = pouch.changes({ since: 'now', live: true });
    this.feed.on('change', () => void this.catchUp().catch(() => undefined));
    void this.catchUp().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.feed?.cancel();
    await this.chain;
  }

  private async run(): Promise<number> {
    const pouch = this.options.store.database('discussion').pouch;
    const checkpoint = await this.checkpoint(pouch);
    let written = 0;
    for (;;) {
      const { results, last_seq } = await pouch.changes({ since: checkpoint.seq, limit: BATCH, include_docs: true });
      if (results.length === 0) return written;
      const profiles = await this.profiles();
      // Digest lines are gathered over the batch: one write per person, not one per post.
      const digests = new Map<string, DigestEntry[]>();
      for (const { doc } of results) {
        if (doc && !doc._deleted && POST_FORMS.has(String(doc.form))) written += await this.notifyAbout(doc, profiles, digests);
      }
      for (const [owner, entries] of digests) written += await this.addToDigest(owner, entries);
      checkpoint.seq = last_seq;
      checkpoint._rev = (await pouch.put(checkpoint)).rev;
    }
  }

  /** The saved checkpoint; the first run starts from now, so history is never announced as new. */
  private async checkpoint(pouch: PouchDB.Database<Doc>): Promise<Checkpoint> {
    try {
      return await pouch.get<Checkpoint>(CHECKPOINT) as Checkpoint;
    } catch (error) {
      if (toGuanxiError(error).kind !== 'not_found') throw error;
      const first: Checkpoint = { _id: CHECKPOINT, seq: (await pouch.info()).update_seq };
      first._rev = (await pouch.put(first)).rev;
      return first;
    }
  }

  private async profiles(): Promise<(Interests & { delivery: string })[]> {
    const docs = await docsOfView(this.options.store.database('discussion'), 'interest-profiles');
    return docs.flatMap((doc) => {
      const owner = texts(doc.owner)[0];
      if (!owner) return [];
      return [{ owner, categories: texts(doc.categories), authors: texts(doc.authors), words: texts(doc.words), threads: texts(doc.threads), delivery: String(doc.delivery) }];
    });
  }

  /** Writes the notices one at a time, and adds the digest entries to `digests`; returns the notices written. */
  private async notifyAbout(doc: Doc, profiles: readonly (Interests & { delivery: string })[], digests: Map<string, DigestEntry[]>): Promise<number> {
    const post = await this.forumPost(doc);
    let written = 0;
    for (const profile of profiles) {
      const reasons = matchInterests(profile, post);
      if (reasons.length === 0) continue;
      // Never tell anyone about a post they may not read, nor anyone who has left.
      if (!canRead(this.options.directory.accessFor(profile.owner, 'discussion'), doc)) continue;
      if (profile.delivery === 'digest') {
        const entries = digests.get(profile.owner);
        if (entries) entries.push({ post, reasons });
        else digests.set(profile.owner, [{ post, reasons }]);
      } else if (await this.save(immediateNotice(profile.owner, post, reasons))) {
        written++;
      }
    }
    return written;
  }

  private async forumPost(doc: Doc): Promise<ForumPost> {
    const pouch = this.options.store.database('discussion').pouch;
    let root = doc;
    for (let depth = 0; typeof root.parent === 'string' && depth < MAX_DEPTH; depth++) {
      try {
        root = await pouch.get(root.parent);
      } catch {
        break; // the parent was deleted or has not arrived yet: the thread starts here
      }
    }
    return {
      id: String(doc._id),
      subject: String(doc.subject ?? ''),
      body: typeof doc.body === 'string' ? doc.body : '',
      author: String(doc.createdBy ?? ''),
      categories: texts(root.category),
      threadId: String(root._id),
    };
  }

  /** Adds the entries to the person's next digest; returns how many were new. */
  private async addToDigest(owner: string, entries: readonly DigestEntry[]): Promise<number> {
    const crm = this.options.store.database('crm');
    const due = nextDigestTime(new Date(this.now()), this.digestHourUtc);
    // Another server may be adding to the same digest: read, add, and try again on a conflict.
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await crm.find(digestNoticeId(owner, due));
      const next = addToDigest(current, owner, due, entries);
      if (!next) return 0;
      if (await this.save(next.doc)) return next.added;
    }
    throw new Error(`interest digest ${digestNoticeId(owner, due)}: five conflicts in a row`);
  }

  /** Saves as the server; false when another server (or an earlier run) got there first. */
  private async save(doc: Doc): Promise<boolean> {
    try {
      await this.options.store.database('crm').save(doc, { now: new Date(this.now()).toISOString(), user: SERVER_USER });
      return true;
    } catch (error) {
      if (toGuanxiError(error).kind === 'conflict') return false;
      throw error;
    }
  }
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
