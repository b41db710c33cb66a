import type { Access } from '../../design/access/acl.js';
import { settingsIdsOf, type SettingsLookup } from '../../design/configured-choices.js';
import { formsOf } from '../../design/forms/index.js';
import type { UserContext } from '../../design/user.js';
import { viewsOf } from '../../views/catalog.js';
import type { CompiledView } from '../../views/compile-view.js';
import { Observable } from './observable.js';
import { Outbox } from './outbox.js';
import { Pouch, type StoredDoc } from './pouch.js';
import { ReadMarks, UNREAD_MARKED_DBS } from './read-marks.js';
import { SearchIndex } from './search-index.js';
import { accessOf, type MyDatabase } from './session-api.js';
import { LocalViews } from './local-views.js';
import { UnreadMessages } from '../messages/unread-messages.js';
import { batchRevsDiff } from './batched-revs-diff.js';
import { filledKey, replicaName } from './fresh-replica.js';
import { ReplicaSettings } from './replica-settings.js';
import { ReplicaHoldings } from './replica-holdings.js';
import { fileFromServer, KeptFiles } from './kept-files.js';
import { readStored, userKey, writeStored } from './user-storage.js';
import { ApiError, callJson } from './server-api.js';
import type { ViewPage, ViewPageRequest } from '../../engine/view-page.js';

const LOAD_BATCH = 500;
/** Replication writes a batch as many single changes: tell listeners once per burst. */
const SETTLE_MS = 60;
/** While the replica fills, views are read from the server: reread them seldom, not at every batch. */
const FILLING_SETTLE_MS = 10_000;

/** A page of a view, and whether the server answered it because the replica is still filling. */
export type SourcedViewPage = ViewPage & { readonly fromServer: boolean };

/**
 * One database's replica in the browser, for one user: the PouchDB on IndexedDB, its views,
 * its search index, the documents in conflict, and what waits to be sent.
 */
export class LocalDatabase {
  readonly pouch: PouchDB.Database<Record<string, unknown>>;
  readonly views: LocalViews;
  readonly viewDefs: readonly CompiledView[];
  readonly search = new SearchIndex();
  readonly outbox: Outbox;
  readonly access: Access;
  /** Ids of the documents with conflicting revisions. */
  readonly conflicts = new Observable<ReadonlySet<string>>(new Set());
  /** Notices addressed to this user (directly, or to a group or role of theirs) not yet marked read. */
  readonly unreadNotices = new Observable<ReadonlyMap<string, StoredDoc>>(new Map());
  /** Internal messages to this user without their read receipt. */
  readonly unreadMessages: UnreadMessages;
  /** The settings documents (the CRM settings) whose choices this database's forms offer, by id. */
  readonly settingsDocs = new Observable<ReadonlyMap<string, StoredDoc>>(new Map());
  /** Counts the bursts of changes that reached the replica (saves here, or replication). */
  readonly revision = new Observable(0);
  /** The replica's estimated size and the files its documents left on the server. */
  readonly holdings: ReplicaHoldings;
  /** Files left on the server that this workstation keeps anyway (pinned, or within a raised file size). */
  readonly keptFiles: KeptFiles;
  /** Unread marks, in the databases that have them (the forum). */
  readonly readMarks: ReadMarks | null;
  /** The replica has caught up with the server and indexed its views once: it answers alone from now on. */
  readonly filled: Observable<boolean>;
  /** Set while a session is open: then views and documents not yet in a filling replica come from the server. */
  serverOpen = false;
  /** What this workstation keeps of the database (replication settings), and what the person pinned. */
  readonly replica: ReplicaSettings;
  /** The person asked to see the views as the server has them (what the replica leaves out among them). */
  showServer = false;
  /** Set while a session is open: replicates these documents now, whatever the settings say. */
  fetchFromServer: ((ids: string[]) => Promise<void>) | null = null;
  /** Pages of views asked of the server before they were opened (readViewPageEarly), each taken once. */
  private readonly earlyPages = new Map<string, Promise<ViewPage>>();
  /** Documents shown from the server, not (yet) in the replica: read only. */
  private readonly serverDocs = new WeakSet<object>();
  private readonly filledKey: string;
  private readonly settingsIds: ReadonlySet<string>;
  private feed: PouchDB.Core.Changes<Record<string, unknown>> | null = null;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly info: MyDatabase, readonly user: UserContext) {
    const prefix = replicaName(user.name, info.name);
    this.pouch = new Pouch(prefix, { adapter: 'idb' });
    batchRevsDiff(this.pouch);
    this.viewDefs = viewsOf(info.name);
    this.views = new LocalViews(this.pouch, `${prefix}-views`, info.name, this.viewDefs, user.name);
    this.outbox = new Outbox(`guanxi.outbox.${userKey(user.name)}.${info.name}`);
    this.access = accessOf(info, user);
    this.unreadMessages = new UnreadMessages(user.name, this.access.names);
    this.readMarks = UNREAD_MARKED_DBS.includes(info.name) ? new ReadMarks(this.pouch, info.name, user.name) : null;
    this.settingsIds = new Set(settingsIdsOf(formsOf(info.name)));
    this.filledKey = filledKey(user.name, info.name);
    this.filled = new Observable(readStored(this.filledKey, false));
    this.replica = new ReplicaSettings(user.name, info.name, (id) => this.settings(id));
    this.keptFiles = new KeptFiles(prefix, user.name, info.name);
    this.holdings = new ReplicaHoldings(this.pouch);
  }

  /**
   * Brings the files this workstation should keep of what the replica's documents left on the
   * server (pinned ones, those within the file size now set) and lets go of the others; needs a session.
   */
  keepFilesHere(): Promise<void> {
    if (!this.serverOpen) return Promise.resolve();
    return this.keptFiles.keepWanted(this.holdings.filesOnServer, this.replica.current.filesUpTo, (id, name) => fileFromServer(this.name, id, name));
  }

  /** Keeps one file left on the server on this workstation (offline too), or lets it go again. */
  async pinFile(id: string, name: string, pinned: boolean): Promise<void> {
    if (pinned) this.keptFiles.pin(id, name);
    else this.keptFiles.unpin(id, name);
    await this.keepFilesHere();
  }

  /** Shows the views from the server (all the person may read) or from the replica again. */
  setShowServer(show: boolean): void {
    this.showServer = show;
    this.revision.update((n) => n + 1);
  }

  /** Keeps a document on this workstation (pinned) and replicates it now; needs a session. */
  async pin(id: string): Promise<void> {
    if (!this.fetchFromServer) throw new Error('offline');
    this.replica.pin(id);
    await this.fetchFromServer([id]);
    this.revision.update((n) => n + 1);
  }

  /** The first replication and indexing are done: views and documents are read here from now on. */
  markFilled(): void {
    if (this.filled.value) return;
    writeStored(this.filledKey, true);
    this.earlyPages.clear();
    this.filled.set(true);
    this.revision.update((n) => n + 1);
  }

  /**
   * A page of a view: from the local index, or, while the replica is still filling (or the person
   * asked for the server's rows) and the server can be reached, from the server's view API, which
   * has every row the person may read.
   */
  async viewPage(view: CompiledView, request: ViewPageRequest): Promise<SourcedViewPage> {
    if ((!this.filled.value || this.showServer) && this.serverOpen) {
      const key = serverPageKey(view, request);
      const early = this.earlyPages.get(key);
      this.earlyPages.delete(key);
      try {
        return { ...(await (early ?? this.serverViewPage(view, request))), fromServer: true };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        // No answer, or a refusal: the replica shows what it has so far.
      }
    }
    return { ...(await this.views.page(view, request)), fromServer: false };
  }

  /**
   * Asks the server now for a page of a view a person is likely to open first (the first view, at
   * sign-in) while the replica is still filling: opening it then shows the answer at once, instead
   * of asking after the home page's requests and the replication's first pages.
   */
  readViewPageEarly(view: CompiledView, request: ViewPageRequest): void {
    if (this.filled.value || !this.serverOpen) return;
    const page = this.serverViewPage(view, request);
    page.catch(() => undefined);
    this.earlyPages.set(serverPageKey(view, request), page);
  }

  private serverViewPage(view: CompiledView, request: ViewPageRequest): Promise<ViewPage> {
    const query = new URLSearchParams({ limit: String(request.limit ?? 50), expandAll: String(request.expandAll ?? true) });
    if (request.after) query.set('after', JSON.stringify(request.after));
    if (request.toggled?.length) query.set('toggled', JSON.stringify(request.toggled));
    return callJson<ViewPage>(`/api/db/${this.name}/views/${encodeURIComponent(view.id)}?${query}`);
  }

  /**
   * A document from the replica; one it does not hold (not there yet, or left out by the replication
   * settings) is read from the server while a session is open, and shown read only.
   */
  async getDoc(id: string): Promise<StoredDoc | null> {
    try {
      return (await this.pouch.get(id, { conflicts: true })) as StoredDoc;
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
    if (!this.serverOpen) return null;
    try {
      const doc = await callJson<StoredDoc>(`/api/db/${this.name}/docs/${encodeURIComponent(id)}`);
      this.serverDocs.add(doc);
      return doc;
    } catch (error) {
      if (error instanceof ApiError) return null;
      throw error;
    }
  }

  /** Whether this document was read from the server, not from the replica. */
  isFromServer(doc: object): boolean {
    return this.serverDocs.has(doc);
  }

  /** Configured choices as this replica has them now (offline too). */
  readonly settings: SettingsLookup = (id) => this.settingsDocs.value.get(id) ?? null;

  get name(): MyDatabase['name'] {
    return this.info.name;
  }

  /** Reads the replica into the search index and conflict set, then follows its changes. */
  async open(): Promise<void> {
    const { update_seq } = await this.pouch.info();
    const conflicts = new Set<string>();
    const unread = new Map<string, StoredDoc>();
    const settings = new Map<string, StoredDoc>();
    let startkey: string | undefined;
    for (;;) {
      const { rows } = await this.pouch.allDocs({ include_docs: true, conflicts: true, limit: LOAD_BATCH, ...(startkey ? { startkey, skip: 1 } : {}) });
      for (const row of rows) {
        const doc = row.doc as StoredDoc | undefined;
        if (!doc || row.id.startsWith('_design/')) continue;
        this.holdings.note(row.id, doc);
        this.search.put(doc);
        this.readMarks?.noteDoc(doc);
        if (doc._conflicts?.length) conflicts.add(row.id);
        if (this.isUnreadNotice(doc)) unread.set(row.id, doc);
        if (this.settingsIds.has(row.id)) settings.set(row.id, doc);
        this.unreadMessages.note(row.id, doc);
      }
      if (rows.length < LOAD_BATCH) break;
      startkey = rows[rows.length - 1]!.id;
    }
    this.conflicts.set(conflicts);
    this.unreadNotices.set(unread);
    this.unreadMessages.publish();
    this.settingsDocs.set(settings);
    await this.readMarks?.load();
    await this.keptFiles.open();
    this.feed = this.pouch.changes({ since: update_seq, live: true, include_docs: true, conflicts: true });
    this.feed.on('change', (change) => this.noteChange(change.id, change.deleted === true, change.doc as StoredDoc | undefined));
  }

  private noteChange(id: string, deleted: boolean, doc: StoredDoc | undefined): void {
    if (id.startsWith('_design/')) return;
    this.holdings.note(id, deleted ? undefined : doc);
    if (deleted || !doc) this.search.remove(id);
    else {
      this.search.put(doc);
      this.readMarks?.noteDoc(doc);
    }
    const inConflict = !deleted && (doc?._conflicts?.length ?? 0) > 0;
    if (inConflict !== this.conflicts.value.has(id)) {
      const next = new Set(this.conflicts.value);
      if (inConflict) next.add(id);
      else next.delete(id);
      this.conflicts.set(next);
    }
    if (this.settingsIds.has(id)) {
      const next = new Map(this.settingsDocs.value);
      if (deleted || !doc) next.delete(id);
      else next.set(id, doc);
      this.settingsDocs.set(next);
    }
    const unread = !deleted && doc !== undefined && this.isUnreadNotice(doc);
    if (unread || this.unreadNotices.value.has(id)) {
      const next = new Map(this.unreadNotices.value);
      if (unread) next.set(id, doc!);
      else next.delete(id);
      this.unreadNotices.set(next);
    }
    if (this.unreadMessages.note(id, deleted ? undefined : doc)) this.unreadMessages.publish();
    this.settleTimer ??= setTimeout(() => {
      this.settleTimer = null;
      this.revision.update((n) => n + 1);
    }, this.filled.value ? SETTLE_MS : FILLING_SETTLE_MS);
  }

  private isUnreadNotice(doc: StoredDoc): boolean {
    return doc.form === 'Notice' && !doc.readAt && Array.isArray(doc.recipients)
      && doc.recipients.some((name) => this.access.names.has(String(name)));
  }

  async close(): Promise<void> {
    this.feed?.cancel();
    if (this.settleTimer) clearTimeout(this.settleTimer);
    await this.views.close();
    await this.keptFiles.close();
    await this.pouch.close();
  }
}

/** A server page's identity: the same view and request read the same page. */
function serverPageKey(view: CompiledView, { after, limit, expandAll, toggled }: ViewPageRequest): string {
  return JSON.stringify([view.id, after ?? null, limit ?? 50, expandAll ?? true, toggled ?? []]);
}
