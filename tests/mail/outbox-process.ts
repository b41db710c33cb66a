// A server's outbox in a process of its own, so that a test can kill it at a moment of its
// choosing (SIGKILL: nothing runs after). Arguments: the store location (JSON), the server id and
// the clock's time. Prints the outbox's report when it finishes.
import { createLogger } from '../../server/log.js';
import { AddressBook } from '../../server/mail/address-book.js';
import { loadMailSettings } from '../../server/mail/mail-settings.js';
import { Outbox } from '../../server/mail/outbox.js';
import { openStoreAt, type StoreLocation } from '../helpers/test-store.js';

const [location, serverId, now] = process.argv.slice(2) as [string, string, string];
const store = await openStoreAt(JSON.parse(location) as StoreLocation);
const outbox = new Outbox({
  store, serverId, book: new AddressBook(store.database('crm').pouch), logger: createLogger('silent'),
  accounts: async () => (await loadMailSettings(store)).accounts, now: () => new Date(now),
});
process.stdout.write(`${JSON.stringify(await outbox.sendDue())}\n`);
await outbox.close();
await store.close();
