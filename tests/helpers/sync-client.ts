import PouchDB from 'pouchdb';
import PouchMemory from 'pouchdb-adapter-memory';

PouchDB.plugin(PouchMemory);

export interface Credentials {
  readonly cookie: string;
  readonly csrf: string;
}

/**
 * The gateway's database as stock PouchDB sees it, signed in with a session cookie, as a browser
 * would be. A connection that fails (the server is down) is answered as a 503: PouchDB leaves
 * some rejected fetches of a retrying replication unhandled, while a 503 takes its ordinary retry path.
 */
export function remoteDb(baseUrl: string, db: string, credentials: Credentials, extraHeaders: Record<string, string> = {}): PouchDB.Database {
  return new PouchDB(`${baseUrl}/sync/${db}`, {
    skip_setup: true,
    fetch: async (url: string | Request, options?: RequestInit) => {
      const headers = new Headers(options?.headers);
      headers.set('Cookie', credentials.cookie);
      headers.set('X-CSRF-Token', credentials.csrf);
      for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value);
      try {
        return await PouchDB.fetch(url, { ...options, headers });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return new Response(JSON.stringify({ error: 'unavailable', reason }), { status: 503, headers: { 'content-type': 'application/json' } });
      }
    },
  } as PouchDB.Configuration.RemoteDatabaseConfiguration);
}

let replicas = 0;

/** A workstation's replica: a fresh in-memory PouchDB. */
export function localReplica(label: string): PouchDB.Database {
  return new PouchDB(`${label}-${process.pid}-${++replicas}`, { adapter: 'memory' });
}

/** The ids a replica holds, sorted, deleted ones left out. */
export async function idsOf(db: PouchDB.Database): Promise<string[]> {
  const { rows } = await db.allDocs();
  return rows.map((row) => row.id).filter((id) => !id.startsWith('_design/')).sort();
}
