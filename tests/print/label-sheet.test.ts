import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LabelAddress } from '../../server/print/addressee.js';
import { LABEL_FORMATS, resolveLabelFormat, type LabelSheetFormat } from '../../server/print/label-formats.js';
import { renderLabels } from '../../server/print/label-sheet.js';
import { allWords, cellAt, centreIn, MM, wholeIn } from './label-cells.js';
import { pdfPages, pdfText, savePageOne, type PdfPage, type Word } from './pdf-tools.js';
import { compact, labelText, sampleAddresses } from './sample-addresses.js';

/**
 * Checks each label as a person reading the sheet would: the words in label i's cell are exactly
 * its address, top to bottom, and lie wholly inside the cell; no word is anywhere else.
 */
function assertLabelsInCells(pages: readonly PdfPage[], format: LabelSheetFormat, addresses: readonly LabelAddress[], start: number): void {
  const words = allWords(pages);
  const placed = new Set<Word>();
  addresses.forEach((address, i) => {
    const cell = cellAt(format, start - 1 + i);
    const inCell = words.filter((word) => centreIn(word, cell));
    assert.equal(compact(inCell.map((word) => word.text).join('')), labelText(address), `label ${i + 1} (${format.id}, cell ${start + i})`);
    for (const word of inCell) {
      assert.ok(wholeIn(word, cell), `label ${i + 1}: "${word.text}" leaves its cell: ${JSON.stringify(word)} vs ${JSON.stringify(cell)}`);
      placed.add(word);
    }
    const tops = inCell.map((word) => word.yMin);
    assert.deepEqual(tops, [...tops].sort((a, b) => a - b), `label ${i + 1}: lines out of order`);
  });
  assert.deepEqual(words.filter((word) => !placed.has(word)), [], 'words outside every label');
}

const CUSTOM = resolveLabelFormat({ pageWidth: 210, pageHeight: 297, marginTop: 10, marginBottom: 10, marginLeft: 8, marginRight: 8, columns: 4, rows: 12, gapX: 3, gapY: 2 });

describe('address labels', () => {
  for (const format of [...LABEL_FORMATS, CUSTOM]) {
    test(`${format.id}: every address in its own cell, in order, across then down and onto the next sheet`, async () => {
      const addresses = sampleAddresses(format.columns * format.rows + 4);
      const pdf = await renderLabels(addresses, { format });
      const pages = await pdfPages(pdf);
      assert.equal(pages.length, 2);
      assert.ok(Math.abs(pages[0]!.width - format.pageWidth * MM) < 0.5 && Math.abs(pages[0]!.height - format.pageHeight * MM) < 0.5);
      assertLabelsInCells(pages, format, addresses, 1);
      assert.doesNotMatch(await pdfText(pdf), /…/, 'these addresses fit without being cut short');
      await savePageOne(pdf, `print/labels-${format.id}`);
      await savePageOne(await renderLabels(addresses, { format, outline: true }), `print/labels-${format.id}-outlined`);
    });
  }

  test('start N leaves the first N−1 cells of a partly used sheet empty', async () => {
    for (const [id, start] of [['L7160', 5], ['L7159', 24], ['5160', 13]] as const) {
      const format = resolveLabelFormat(id);
      const addresses = sampleAddresses(6);
      const pages = await pdfPages(await renderLabels(addresses, { format, start }));
      assertLabelsInCells(pages, format, addresses, start);
      for (let cell = 0; cell < start - 1; cell++) {
        assert.deepEqual(allWords(pages).filter((word) => centreIn(word, cellAt(format, cell))), [], `${id}: cell ${cell + 1} is used`);
      }
    }
  });

  test('text too long for a label shrinks, wraps and is cut short with an ellipsis, never leaving its cell', async () => {
    const long: LabelAddress[] = [
      { postcode: '315000', address: '浙江省宁波市鄞州区'.repeat(12), customerName: '宁波海顺进出口有限公司', department: '外贸部', contactName: '欧阳明' },
      { postcode: '20095', address: 'Hamburg', customerName: 'Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft', department: 'Einkauf', contactName: 'Jürgen Weiß' },
      { postcode: '100022', address: 'A very long street name '.repeat(10), customerName: 'Global Pacific Northern Atlas Summit Trading and Distribution Company Limited 环球太平洋贸易分销有限公司', department: 'International Purchasing Department 国际采购部', contactName: 'Maximilian Alexander von Hohenberg-Lichtenstein' },
    ];
    for (const format of [resolveLabelFormat('L7160'), resolveLabelFormat('5160'), CUSTOM]) {
      const pdf = await renderLabels(long, { format });
      const pages = await pdfPages(pdf);
      const words = allWords(pages);
      long.forEach((address, i) => {
        const cell = cellAt(format, i);
        const inCell = words.filter((word) => centreIn(word, cell));
        for (const word of inCell) assert.ok(wholeIn(word, cell), `${format.id} label ${i + 1}: "${word.text}" leaves its cell`);
        // The names keep their place when the address has to give way.
        assert.ok(compact(inCell.map((w) => w.text).join('')).includes(compact(address.contactName).slice(0, 6)), `${format.id} label ${i + 1}: contact name missing`);
      });
      assert.equal(words.filter((word) => !long.some((_, i) => centreIn(word, cellAt(format, i)))).length, 0, `${format.id}: words outside the labels`);
      assert.match(await pdfText(pdf), /…/);
      await savePageOne(await renderLabels(long, { format, outline: true }), `print/labels-overflow-${format.id}`);
    }
  });

  test('Chinese comes out as the characters themselves, not blanks or boxes', async () => {
    const addresses = sampleAddresses(8);
    const text = await pdfText(await renderLabels(addresses, { format: resolveLabelFormat('L7163') }));
    for (const address of addresses) {
      for (const part of [address.address, address.customerName, address.department, address.contactName]) {
        if (/\p{Script=Han}/u.test(part)) assert.ok(compact(text).includes(compact(part)), `missing ${part}`);
      }
    }
    assert.doesNotMatch(text, /\ufffd/);
  });

  test('the text check catches a character the font lacks: it prints as a box and extracts as nothing', async () => {
    // Noto Sans Hans has no Hangul; this guards the test above against passing on boxes.
    const text = await pdfText(await renderLabels([{ postcode: '', address: '', customerName: '부산 上海', department: '', contactName: '' }], { format: resolveLabelFormat('L7160') }));
    assert.equal(compact(text), '上海');
  });

  test('bad formats and start positions are refused with a reason', async () => {
    assert.throws(() => resolveLabelFormat('L9999'), /Unknown label format "L9999"; the formats are L7160, L7159, L7163, 5160/);
    assert.throws(() => resolveLabelFormat({ pageWidth: 210, pageHeight: 297, marginTop: 0, marginBottom: 0, marginLeft: 0, marginRight: 0, columns: 30, rows: 40 }), /at most 400 labels a sheet|need at least/);
    assert.throws(() => resolveLabelFormat({ pageWidth: 210, pageHeight: 297, marginTop: 0, marginBottom: 0, marginLeft: 0, marginRight: 0, columns: 20, rows: 2 }), /labels of 10.5×148.5 mm; a label needs at least 15×8 mm/);
    assert.throws(() => resolveLabelFormat({ pageWidth: -1, pageHeight: 297, marginTop: 0, marginBottom: 0, marginLeft: 0, marginRight: 0, columns: 2, rows: 2 }), /pageWidth must be a number of millimetres/);
    await assert.rejects(renderLabels(sampleAddresses(1), { format: resolveLabelFormat('L7160'), start: 22 }), /start must be a label position from 1 to 21/);
    await assert.rejects(renderLabels([], { format: resolveLabelFormat('L7160') }), /no addresses to print/);
  });

  test('a large job reports its progress up to the total', async () => {
    const seen: [number, number][] = [];
    await renderLabels(sampleAddresses(600), { format: resolveLabelFormat('L7160'), onProgress: (done, total) => seen.push([done, total]) });
    assert.ok(seen.length >= 3);
    assert.deepEqual(seen[seen.length - 1], [600, 600]);
    assert.ok(seen.every(([done], i) => i === 0 || done >= seen[i - 1]![0]));
  });
});
