import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { formatCoord, parseCoord, parseCoordList } from '../../src/web/coords.ts';
import { fieldFor, setPath, utcFromInput } from '../../src/web/panels/forms.ts';

describe('coordinates as typed and shown', () => {
  it('reads degrees latitude first, with or without hemisphere letters', () => {
    assert.deepEqual(parseCoord('33.513, 36.292'), [36.292, 33.513]);
    assert.deepEqual(parseCoord('33.513N 36.292E'), [36.292, 33.513]);
    assert.deepEqual(parseCoord('12.5S 40W'), [-40, -12.5]);
    assert.equal(parseCoord('95, 10'), undefined);
  });

  it('reads MGRS and round-trips it to within a metre', () => {
    const text = formatCoord([36.292, 33.513], 'mgrs');
    assert.match(text, /^37S/);
    const back = parseCoord(text);
    assert.ok(back);
    assert.ok(Math.abs(back[0] - 36.292) < 1e-4 && Math.abs(back[1] - 33.513) < 1e-4);
    assert.equal(parseCoord('not a place'), undefined);
  });

  it('reads a list of mixed formats, and refuses it whole if one line is wrong', () => {
    assert.equal(parseCoordList('33.5, 36.2\n37SBT4827211116')?.length, 2);
    assert.equal(parseCoordList('33.5, 36.2\nnonsense'), undefined);
  });
});

describe('form plumbing', () => {
  it('puts a problem on the field its pointer names, or on the nearest enclosing field', () => {
    const paths = ['geometry', 'window/from', 'window/to', 'name'];
    assert.equal(fieldFor('/window/to', paths), 'window/to');
    assert.equal(fieldFor('/geometry/coordinates/0', paths), 'geometry');
    assert.equal(fieldFor('#/name', paths), 'name');
    assert.equal(fieldFor('/other', paths), undefined);
  });

  it('builds nested bodies from field paths and reads form times as UTC', () => {
    const body: Record<string, unknown> = {};
    setPath(body, 'window/from', 'a');
    setPath(body, 'name', 'b');
    assert.deepEqual(body, { window: { from: 'a' }, name: 'b' });
    assert.equal(utcFromInput('2016-07-31T14:00'), '2016-07-31T14:00:00.000Z');
    assert.equal(utcFromInput(''), undefined);
  });
});
