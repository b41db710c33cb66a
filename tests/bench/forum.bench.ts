import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Doc } from '../../design/form.js';
import { matchInterests, type ForumPost, type Interests } from '../../design/interest-match.js';
import { StaticDirectory } from '../../server/directory/static-directory.js';
import { InterestNotifier } from '../../server/interest/interest-notifier.js';
import { createLogger } from '../../server/log.js';
import { EmbeddedStore } from '../../server/store/embedded-store.js';
import { report, timed } from './report.js';

/**
 * Interest notices at the size of a busy company forum: 200 people with profiles of a few words,
 * categories and authors, and 2,000 new posts (Chinese and English) matched and notified by the
 * server job on the embedded store.
 */
const PEOPLE = 200;
const POSTS = 2_000;
const WORDS = ['报价', '样品', '阀门', '展会', 'ISO', 'price', '认证', '物流', '汇率', 'container'];
const CATEGORIES = ['报价', '展会', '物流', '质量', 'Markets'];
const names = Array.from({ length: PEOPLE }, (_, i) => `员工${i}`);
const profiles: Interests[] = names.map((owner, i) => ({
  owner, categories: [CATEGORIES[i % CATEGORIES.length]!], authors: [names[(i + 7) % PEOPLE]!],
  words: [WORDS[i % WORDS.length]!, WORDS[(i * 3 + 1) % WORDS.length]!], threads: [],
}));
const posts: ForumPost[] = Array.from({ length: POSTS }, (_, i) => ({
  id: `p${i}`, threadId: `p${i}`, author: names[i % PEOPLE]!, categories: [CATEGORIES[i % CATEGORIES.length]!],
  subject: i % 2 === 0 ? `关于第${i}批阀门的报价和样品安排` : `Container price update ${i} for the ISO audit`,
  body: '请各位同事确认物流安排，并在周五前回复。'.repeat(20),
}));

let matches = 0;
const matchMs = await timed(async () => {
  for (const post of posts) for (const profile of profiles) matches += matchInterests(profile, post).length > 0 ? 1 : 0;
});
report('forum.interest_match.per_post_200_profiles', (matchMs * 1000) / POSTS, 'µs');

const dir = await mkdtemp(join(tmpdir(), 'guanxi-bench-forum-'));
const store = await EmbeddedStore.open(dir);
try {
  const directory = new StaticDirectory({
    people: names.map((name) => ({ name })),
    acls: [{ db: 'discussion', defaultEntry: { name: '-Default-', level: 'author' }, entries: [] }],
  });
  const discussion = store.database('discussion');
  const ctx = (name: string) => ({ now: '2026-11-23T08:00:00.000Z', user: { name, roles: [] } });
  // A tenth of the people take notices one at a time; the rest read a daily digest.
  for (const [i, p] of profiles.entries()) {
    await discussion.save({ form: 'InterestProfile', owner: [p.owner], words: [...p.words], categories: [...p.categories], authors: [...p.authors], delivery: i % 10 === 0 ? 'each' : 'digest' }, ctx(p.owner));
  }
  const notifier = new InterestNotifier({ store, directory, logger: createLogger('silent') });
  await notifier.catchUp();
  for (const post of posts.slice(0, 500)) {
    await discussion.save({ form: 'Topic', subject: post.subject, body: post.body, category: [...post.categories] } satisfies Doc, ctx(post.author));
  }
  let written = 0;
  const jobMs = await timed(async () => {
    written = await notifier.catchUp();
  });
  report('forum.interest_job.posts_per_second', 500 / (jobMs / 1000), 'posts/s');
  report('forum.interest_job.notices_and_digest_lines_per_second', written / (jobMs / 1000), 'notices/s');
  await notifier.close();
} finally {
  await store.close();
  await rm(dir, { recursive: true, force: true });
}
if (matches === 0) throw new Error('no post matched: the benchmark measures nothing');
