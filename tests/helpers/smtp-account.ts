import { EmbeddedStore } from '../../server/store/embedded-store.js';
import { SEED_CTX } from './directory-seed.js';
import type { SmtpSink } from './smtp-sink.js';

/**
 * The company mailbox sales@, sending through this SMTP server, written into a data directory
 * before the server starts there (a server reads its mail accounts when it starts).
 */
export async function configureSmtpAccount(dataDir: string, sink: SmtpSink, displayName: string): Promise<void> {
  const setup = await EmbeddedStore.open(dataDir);
  try {
    await setup.database('names').save({
      _id: 'mailaccount-sales', form: 'MailAccount', address: 'sales@guanxi-trading.cn', displayName,
      smtpHost: sink.host, smtpPort: sink.port, smtpTls: false,
    }, SEED_CTX);
  } finally {
    await setup.close();
  }
}
