import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { createError } from '../../engine/errors.js';
import { checkNewPassword } from '../auth/password-policy.js';

/**
 * A new password for the user: typed twice at a prompt that does not echo it, or the first line
 * of standard input when asked to or when standard input is not a terminal (scripts, tests).
 * A weak one is refused before anything is written.
 */
export async function readNewPassword(userName: string, fromStdin: boolean): Promise<string> {
  const password = fromStdin || !process.stdin.isTTY ? await firstLineOfStdin() : await promptTwice();
  checkNewPassword(password, userName);
  return password;
}

async function promptTwice(): Promise<string> {
  const password = await promptHidden('New password: ');
  if ((await promptHidden('Repeat the new password: ')) !== password) throw createError('bad_request', 'The two passwords differ');
  return password;
}

export async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin.setEncoding('utf8')) text += String(chunk);
  return text.split(/\r?\n/)[0] ?? '';
}

export async function promptHidden(question: string): Promise<string> {
  process.stderr.write(question);
  // readline echoes what is typed to its output: give it one that writes nothing.
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const prompt = createInterface({ input: process.stdin, output: silent, terminal: true });
  try {
    return await prompt.question('');
  } finally {
    prompt.close();
    process.stderr.write('\n');
  }
}
