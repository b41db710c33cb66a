import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { blockHeight, fitText } from '../../server/print/fit-text.js';
import { withEllipsis, wrapText } from '../../server/print/wrap-text.js';

/** Every character one unit wide: lines are easy to count by hand. */
const unit = (text: string) => [...text].length;

describe('wrapping and fitting text', () => {
  test('Chinese breaks between characters, Latin at spaces, a word too long for a line inside it', () => {
    assert.deepEqual(wrapText('上海市黄浦区南京东路', 4, unit), ['上海市黄', '浦区南京', '东路']);
    assert.deepEqual(wrapText('Global Pacific Trading', 15, unit), ['Global Pacific', 'Trading']);
    assert.deepEqual(wrapText('Donaudampfschifffahrt GmbH', 8, unit), ['Donaudam', 'pfschiff', 'fahrt', 'GmbH']);
    assert.deepEqual(wrapText('环球 Global Trading 贸易', 10, unit), ['环球 Global', 'Trading 贸易']);
    assert.deepEqual(wrapText('第一行\n\n第二行', 10, unit), ['第一行', '第二行'], 'line breaks kept, empty lines dropped');
    assert.deepEqual(wrapText('   ', 10, unit), []);
  });

  test('closing punctuation never starts a line, opening punctuation never ends one', () => {
    assert.deepEqual(wrapText('上海宏达，贸易', 4, unit), ['上海宏', '达，贸易']);
    assert.deepEqual(wrapText('公司（上海）', 3, unit), ['公司', '（上', '海）']);
  });

  test('an ellipsis replaces what does not fit', () => {
    assert.equal(withEllipsis('上海宏达贸易', 4, unit), '上海宏…');
    assert.equal(withEllipsis('abc def', 5, unit), 'abc…');
  });

  test('fitting shrinks first, then cuts the lowest-priority fields, never leaving the box', () => {
    const fields = [
      { text: '200001', maxLines: 1, priority: 3 },
      { text: '上海市黄浦区南京东路100号', maxLines: 3, priority: 2 },
      { text: '上海宏达贸易有限公司', maxLines: 2, priority: 0 },
    ];
    const options = { width: 120, height: 60, maxSize: 10, minSize: 6, lineSpacing: 1.25, measure: unit };
    const roomy = fitText(fields, options);
    assert.equal(roomy.size, 10);
    assert.deepEqual(roomy.lines, ['200001', '上海市黄浦区南京东路', '100号', '上海宏达贸易有限公司']);
    const tight = fitText(fields, { ...options, height: 25 });
    assert.ok(tight.size < 10 && tight.size >= 6);
    assert.ok(blockHeight(tight.lines.length, tight.size, 1.25) <= 25);
    const small = fitText(fields, { ...options, width: 40, height: 14 });
    assert.equal(small.size, 6);
    assert.deepEqual(small.lines, ['上海市黄浦…', '上海宏达贸…'], 'two lines: the postcode gives way first');
    assert.deepEqual(fitText(fields, { ...options, width: 40, height: 8 }).lines, ['上海宏达贸…'], 'one line: the customer name');
  });
});
