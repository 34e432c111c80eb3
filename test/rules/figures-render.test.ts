import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FigureRow, ViolationFigures } from '../../src/rules/figures.ts';
import { csvField, escapeHtml, figuresCsv, figuresHtml } from '../../src/rules/figures-render.ts';

const row = (key: string, reports: number, killed = 0, injured = 0): FigureRow => ({
  key,
  reports,
  killed,
  injured,
});
const figures: ViolationFigures = {
  total: row('total', 3, 5, 7),
  byWeek: [row('2016-W29', 1, 1, 2), row('2016-W30', 2, 4, 5)],
  byGovernorate: [row('Aleppo, city', 2, 4, 5), row('<script>alert(1)</script>', 1, 1, 2)],
  byArea: [row('"Castello" road\r\nnorth', 3, 5, 7)],
  byKind: [row('air_strike', 3, 5, 7)],
  byPerpetrator: [row('actor:SY-AF', 2), row('=HYPERLINK("http://x")', 1)],
  byStatus: [row('confirmed', 3)],
};

/** A strict RFC 4180 reader, to read back what the writer wrote. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        assert.ok(q >= 0, 'unterminated quoted field');
        field += text.slice(i, q);
        i = q + 1;
        if (text[i] !== '"') break;
        field += '"';
        i++;
      }
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      field = end < 0 ? text.slice(i) : text.slice(i, i + end);
      assert.ok(!/["\r\n]/.test(field), `bare field holds a quote or line break: ${field}`);
      i += field.length;
    }
    fields.push(field);
    if (text.startsWith('\r\n', i)) {
      records.push(fields);
      fields = [];
      i += 2;
    } else if (text[i] === ',') i++;
    else assert.fail(`unexpected character at ${i}`);
  }
  return records;
}

describe('printable figures', () => {
  describe('as CSV', () => {
    const csv = figuresCsv(figures);

    it('ends every record with CRLF and starts with a header', () => {
      assert.ok(csv.endsWith('\r\n'));
      assert.ok(csv.startsWith('dimension,key,reports,killed,injured\r\n'));
    });

    it('reads back, field for field, through an RFC 4180 reader', () => {
      const records = parseCsv(csv);
      assert.equal(records.length, 1 + 1 + 2 + 2 + 1 + 1 + 2 + 1);
      assert.deepEqual(records[4], ['byGovernorate', 'Aleppo, city', '2', '4', '5']);
      assert.deepEqual(records[6], ['byArea', '"Castello" road\r\nnorth', '3', '5', '7']);
    });

    it('keeps a spreadsheet from running a name as a formula', () => {
      assert.equal(csvField('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
      assert.equal(csvField('-3'), "'-3");
      assert.equal(csvField(-3), '-3');
    });
  });

  describe('as HTML', () => {
    const html = figuresHtml(figures, {
      title: 'Cessation of hostilities: violations <draft>',
      generatedAt: Date.UTC(2016, 6, 31, 14),
      asOf: Date.UTC(2016, 6, 31, 12),
      notes: ['Counts include disputed reports & reports under review.'],
    });

    it('escapes every text taken from the record', () => {
      assert.equal(html.includes('<script>'), false);
      assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.ok(html.includes('&quot;Castello&quot; road'));
      assert.ok(html.includes('violations &lt;draft&gt;'));
      assert.ok(html.includes('disputed reports &amp; reports'));
      assert.equal(escapeHtml(`'"<>&`), '&#39;&quot;&lt;&gt;&amp;');
    });

    it('is a self-contained page with print styles and the moment it was read as of', () => {
      assert.ok(html.startsWith('<!doctype html>'));
      assert.ok(html.includes('@page') && html.includes('@media print'));
      assert.ok(html.includes('record as of 2016-07-31T12:00:00.000Z'));
      assert.equal(/<script|<link|src=|href=/.test(html), false);
    });

    it('prints a table for each dimension with its total', () => {
      for (const caption of ['ISO week', 'Governorate', 'Area', 'Kind', 'Alleged perpetrator', 'Status'])
        assert.ok(html.includes(`<h2>${caption}</h2>`), caption);
      assert.equal(html.match(/<tfoot>/g)?.length, 6);
    });
  });
});
