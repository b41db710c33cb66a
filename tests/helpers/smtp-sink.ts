import { SMTPServer } from 'smtp-server';
import { freePort } from './dovecot.js';

export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  /** The message exactly as it arrived, headers and body. */
  readonly raw: string;
}

export interface SmtpSink {
  readonly host: string;
  readonly port: number;
  readonly received: ReceivedMail[];
  /** Stops listening: connections are refused, as when the mail server is down. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** Runs once a message has wholly arrived and is kept, before the server answers that it took it. */
  readonly onMessage?: (mail: ReceivedMail) => Promise<void>;
}

/** A real SMTP server on loopback (nodemailer's smtp-server) that keeps every message it accepts. */
export async function startSmtpSink({ onMessage }: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const port = await freePort();
  const received: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  const start = async () => {
    server = new SMTPServer({
      authOptional: true,
      // Any user and password: the sink checks what is sent, not who sends it.
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        callback(null, { user: auth.username });
      },
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Uint8Array[] = [];
        stream.on('data', (chunk: Uint8Array) => chunks.push(chunk));
        stream.on('end', () => {
          const mail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          };
          received.push(mail);
          void (onMessage?.(mail) ?? Promise.resolve()).finally(() => callback());
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(port, '127.0.0.1', () => resolve());
    });
  };
  await start();
  return {
    host: '127.0.0.1',
    port,
    received,
    start,
    stop: () => new Promise<void>((resolve) => {
      if (!server) return resolve();
      const closing = server;
      server = undefined;
      closing.close(() => resolve());
    }),
  };
}
