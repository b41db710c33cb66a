import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SORT_KEY_ALPHABET,
  matchesPinyin,
  pinyinFull,
  pinyinInitials,
  sortKey,
  textKeys,
} from '../../design/sort-key.js';
import { seededRandom } from '../helpers/random.js';

const KEY_SHAPE = /^[0-9a-z]*$/;

/** Plain code-unit order: what PouchDB does, and byte order for LevelDB on ASCII keys. */
function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedByKey(names: readonly string[]): string[] {
  return [...names].sort((a, b) => byKey(sortKey(a), sortKey(b)));
}

test('the alphabet is digits then lower-case letters, in code-point order', () => {
  assert.equal(SORT_KEY_ALPHABET.length, 36);
  assert.equal([...SORT_KEY_ALPHABET].sort().join(''), SORT_KEY_ALPHABET);
});

test('a mixed list of companies and people sorts in pinyin dictionary order', () => {
  const expected = [
    '3M中国',
    '阿里巴巴',
    'Apple',
    '北京贸易',
    'Beta Ltd',
    '陈静',
    '重庆钢铁',
    '海尔',
    'HSBC',
    '李四',
    '刘德华',
    '西安',
    '先锋',
    '小米',
    'Xiaomi Global',
    'Zeta GmbH',
    '张三',
    '张小明',
    '赵六',
  ];
  assert.deepEqual(sortedByKey([...expected].reverse()), expected);
});

test('syllable by syllable: 西安 sorts before 先', () => {
  assert.equal(sortKey('西安'), 'xi1an1');
  assert.equal(sortKey('先'), 'xian1');
  assert.ok(sortKey('西安') < sortKey('先'));
});

test('the same syllable sorts by tone, the neutral tone last', () => {
  assert.deepEqual(sortedByKey(['吗', '骂', '马', '麻', '妈']), ['妈', '麻', '马', '骂', '吗']);
  assert.equal(sortKey('吗'), 'ma5');
});

test('polyphones are read in context', () => {
  assert.equal(sortKey('银行'), 'yin2hang2');
  assert.equal(sortKey('重庆'), 'chong2qing4');
  assert.equal(sortKey('张三'), 'zhang1san1');
  assert.equal(sortKey('ABC贸易有限公司'), 'abcmao4yi4you3xian4gong1si1');
});

test('ü is written v', () => {
  assert.equal(sortKey('女'), 'nv3');
  assert.equal(pinyinFull('绿色'), 'lvse');
});

test('ICU collation orders keys exactly as plain string comparison does', () => {
  const keys = ['3M中国', '阿里巴巴', 'Apple', '西安', '先', '吗', '马', 'Zeta', 'カナ', '张三', 'a1', 'ab', 'a'].map((name) => sortKey(name));
  const icu = new Intl.Collator('en').compare;
  assert.deepEqual([...keys].sort(icu), [...keys].sort(byKey));
});

test('punctuation and spaces are dropped; empty input gives an empty key', () => {
  assert.equal(sortKey(''), '');
  assert.equal(sortKey('  ，。、（）·-—!?'), '');
  assert.equal(sortKey('张 三'), sortKey('张三'));
  assert.equal(sortKey('Beta, Ltd.'), 'betaltd');
  assert.equal(sortKey('浙江·华联（集团）'), sortKey('浙江华联集团'));
});

test('full-width and half-width forms give the same key', () => {
  assert.equal(sortKey('ＡＢＣ贸易１２３'), sortKey('ABC贸易123'));
  assert.equal(sortKey('ＡＢＣ贸易１２３'), 'abcmao4yi4123');
  assert.equal(sortKey('（北京）'), sortKey('(北京)'));
});

test('accents are ignored and case is folded', () => {
  assert.equal(sortKey('Café'), sortKey('cafe'));
  assert.equal(sortKey('Müller'), 'muller');
  assert.equal(sortKey('ÉCOLE'), 'ecole');
  assert.equal(sortKey('İstanbul'), 'istanbul');
});

test('other scripts get distinct keys that sort after Latin text with the same prefix', () => {
  const others = ['か', 'が', 'カ', '한', 'я', 'ж', 'и', 'α', '😀', '𠀀'];
  const keys = others.map((char) => sortKey(char));
  assert.equal(new Set(keys).size, others.length);
  for (const key of keys) assert.match(key, /^[0-9a-z]+$/);
  assert.equal(sortKey('张😀三'), `zhang1${sortKey('😀')}san1`);
  assert.ok(sortKey('abz') < sortKey('abя'));
  assert.ok(sortKey('ab') < sortKey('abя'));
});

test('every key stays within the alphabet for fuzzed input', () => {
  const random = seededRandom('sort-key fuzz');
  const ranges: ReadonlyArray<readonly [number, number]> = [
    [0x0000, 0x007f], // ASCII, controls included
    [0x0080, 0x024f], // Latin-1 and Latin Extended
    [0x0300, 0x036f], // combining diacritics
    [0x0370, 0x04ff], // Greek, Cyrillic
    [0x0600, 0x06ff], // Arabic
    [0x0900, 0x097f], // Devanagari
    [0x0e00, 0x0e7f], // Thai
    [0x1100, 0x11ff], // Hangul Jamo
    [0x2000, 0x2bff], // punctuation, symbols, arrows, Kangxi radicals
    [0x3000, 0x30ff], // CJK punctuation, kana
    [0x3100, 0x33ff], // bopomofo, enclosed CJK, CJK compatibility
    [0x3400, 0x4dbf], // CJK extension A
    [0x4e00, 0x9fff], // CJK unified ideographs
    [0xac00, 0xd7a3], // Hangul syllables
    [0xd800, 0xdfff], // lone surrogates
    [0xe000, 0xf8ff], // private use
    [0xf900, 0xfaff], // CJK compatibility ideographs
    [0xfe30, 0xffff], // compatibility and full-width forms, specials
    [0x1f300, 0x1faff], // emoji
    [0x20000, 0x2ebef], // CJK extensions B–F
    [0xe0000, 0x10ffff], // tags, supplementary private use
  ];
  for (let round = 0; round < 2000; round++) {
    let text = '';
    const length = Math.floor(random() * 16);
    for (let i = 0; i < length; i++) {
      const [low, high] = ranges[Math.floor(random() * ranges.length)] ?? [0x41, 0x5a];
      text += String.fromCodePoint(low + Math.floor(random() * (high - low + 1)));
    }
    const personName = random() < 0.5;
    for (const value of [sortKey(text, { personName }), pinyinInitials(text, { personName }), pinyinFull(text, { personName })]) {
      assert.match(value, KEY_SHAPE, `input ${JSON.stringify(text)}`);
    }
  }
});

test('person names read the surname as a surname', () => {
  const cases: ReadonlyArray<readonly [string, string, string]> = [
    ['曾小明', 'zeng1xiao3ming2', 'ceng2xiao3ming2'],
    ['单田芳', 'shan4tian2fang1', 'dan1tian2fang1'],
    ['解晓东', 'xie4xiao3dong1', 'jie3xiao3dong1'],
    ['仇英', 'qiu2ying1', 'chou2ying1'],
    ['区志强', 'ou1zhi4qiang2', 'qu1zhi4qiang2'],
  ];
  for (const [name, asName, asText] of cases) {
    assert.equal(sortKey(name, { personName: true }), asName, name);
    assert.equal(sortKey(name), asText, name);
  }
  assert.equal(pinyinInitials('曾小明', { personName: true }), 'zxm');
  assert.equal(pinyinFull('单田芳', { personName: true }), 'shantianfang');
});

test('initials', () => {
  assert.equal(pinyinInitials('张三'), 'zs');
  assert.equal(pinyinInitials('张小明'), 'zxm');
  assert.equal(pinyinInitials('John Smith'), 'js');
  assert.equal(pinyinInitials('ABC贸易'), 'amy');
  assert.equal(pinyinInitials('3M中国'), '3mzg');
  assert.equal(pinyinInitials('張三'), pinyinInitials('张三'));
  assert.equal(pinyinInitials('Ｊｏｈｎ　Ｓｍｉｔｈ'), 'js');
  assert.equal(pinyinInitials(''), '');
});

test('full pinyin', () => {
  assert.equal(pinyinFull('张三'), 'zhangsan');
  assert.equal(pinyinFull('ABC贸易'), 'abcmaoyi');
  assert.equal(pinyinFull('银行'), 'yinhang');
  assert.equal(pinyinFull('John Smith'), 'johnsmith');
});

test('a search box finds names by initials, full pinyin or characters', () => {
  assert.ok(matchesPinyin('zs', '张三'));
  assert.ok(matchesPinyin('ZS', '张三'));
  assert.ok(matchesPinyin('zhangs', '张三'));
  assert.ok(matchesPinyin('zhang san', '张三'));
  assert.ok(matchesPinyin('张三', '张三'));
  assert.ok(matchesPinyin('三', '张三'));
  assert.ok(matchesPinyin('zs', '張三'));
  assert.ok(matchesPinyin('xm', '张小明'));
  assert.ok(matchesPinyin('js', 'John Smith'));
  assert.ok(matchesPinyin('smith', 'John Smith'));
  assert.ok(matchesPinyin('cafe', 'Café Ltd'));
  assert.ok(matchesPinyin('zxm', '曾小明', { personName: true }));
});

test('a search box does not find what was not typed', () => {
  assert.equal(matchesPinyin('ls', '张三'), false);
  assert.equal(matchesPinyin('lisi', '张三'), false);
  assert.equal(matchesPinyin('李', '张三'), false);
  assert.equal(matchesPinyin('', '张三'), false);
  assert.equal(matchesPinyin('   ', '张三'), false);
  assert.equal(matchesPinyin('zxm', '曾小明'), false);
});

test('printable ASCII takes a fast path that gives the same keys as the full conversion', () => {
  const random = seededRandom('ascii fast path');
  for (let i = 0; i < 2000; i++) {
    const text = Array.from({ length: Math.floor(random() * 20) }, () => String.fromCharCode(0x20 + Math.floor(random() * 95))).join('');
    // A trailing no-break space is dropped by the full conversion but keeps the text off the fast path.
    assert.deepEqual(textKeys(text), textKeys(`${text}\u00a0`), JSON.stringify(text));
  }
});
