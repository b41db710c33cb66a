import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nameForms, RANK, rankMatch, type RankedName } from '../../client/controllers/rank-match.js';

const customer = (name: string, nameEn?: string, code?: string): RankedName[] => [
  { text: name, pinyin: true },
  ...(nameEn ? [{ text: nameEn, pinyin: false }] : []),
  ...(code ? [{ text: code, pinyin: false }] : []),
];
const rank = (query: string, names: RankedName[]) => rankMatch(query, nameForms(names));

test('typing atlas: a company named Atlas before 广州汇川水务 whose English name only has the word Atlas in it', () => {
  const huichuan = customer('广州汇川水务工程有限公司', '广州 Atlas Co., Ltd.', 'C0031');
  const atlas = customer('Atlas Pumps Ltd', undefined, 'C0107');
  assert.equal(rank('atlas', atlas), RANK.prefix);
  assert.equal(rank('atlas', huichuan), RANK.wordPrefix);
  assert.ok(rank('atlas', atlas) < rank('atlas', huichuan));
});

test('the Chinese name, its full pinyin, its initials, the English name and the code each count, exact before prefix before within', () => {
  const ruifeng = customer('杭州瑞丰阀门有限公司', 'Hangzhou Ruifeng Valve Co., Ltd.', 'C0012');
  assert.equal(rank('杭州瑞丰阀门有限公司', ruifeng), RANK.exact);
  assert.equal(rank('杭州瑞丰', ruifeng), RANK.prefix);
  assert.equal(rank('hangzhouruifeng', ruifeng), RANK.prefix);
  assert.equal(rank('hzrf', ruifeng), RANK.prefix);
  assert.equal(rank('HZRFFMYXGS', ruifeng), RANK.exact);
  assert.equal(rank('c0012', ruifeng), RANK.exact);
  assert.equal(rank('ruifeng valve', ruifeng), RANK.within);
  assert.equal(rank('valve', ruifeng), RANK.wordPrefix);
  assert.equal(rank('瑞丰', ruifeng), RANK.within);
  assert.equal(rank('宁波', ruifeng), RANK.elsewhere);
});

test('a person’s surname is read as a surname: 单 is shan in 单伟', () => {
  assert.equal(rank('shanw', [{ text: '单伟', pinyin: true, personName: true }]), RANK.prefix);
});
