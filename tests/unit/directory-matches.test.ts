import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DirectoryMatcher } from '../../client/controllers/directory-matches.js';

const directory = new DirectoryMatcher({
  people: [
    { name: '赵敏', department: '销售部', title: '业务员' },
    { name: '李雷', department: '销售部' },
    { name: '张工', department: '技术部', title: '工程师' },
    { name: '王芳', department: '销售部', title: '业务员' },
    { name: 'Anna Berg', department: 'Export' },
  ],
  groups: [{ name: '销售部', members: 3 }, { name: '技术部', members: 1 }],
});

const names = (query: string, chosen: string[] = []) => directory.matches(query, new Set(chosen), 20).map((e) => e.name);

describe('the names picker\'s directory search', () => {
  test('nothing typed: everyone, people before groups, each in pinyin order', () => {
    assert.deepEqual(names(''), ['Anna Berg', '李雷', '王芳', '张工', '赵敏', '技术部', '销售部']);
  });

  test('by name, pinyin and initials (a surname read as a surname)', () => {
    assert.deepEqual(names('ll'), ['李雷']);
    assert.deepEqual(names('zhang'), ['张工']);
    assert.deepEqual(names('王'), ['王芳']);
    assert.deepEqual(names('anna'), ['Anna Berg']);
  });

  test('a department typed finds the group first, then its people in pinyin order', () => {
    assert.deepEqual(names('xsb'), ['销售部', '李雷', '王芳', '赵敏']);
    assert.deepEqual(names('工程师'), ['张工']);
  });

  test('those already chosen are not offered again', () => {
    assert.deepEqual(names('xsb', ['销售部', '王芳']), ['李雷', '赵敏']);
  });

  test('what matches nothing offers nothing', () => {
    assert.deepEqual(names('hans'), []);
  });
});
