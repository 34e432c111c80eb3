import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { jsonPointer, parseRfc3339, toDtg, toRfc3339 } from '../../src/core/index.ts';

describe('time as people read it', () => {
  it('formats a military date-time group in UTC', () => {
    assert.equal(toDtg(Date.UTC(2016, 6, 31, 14, 0)), '311400ZJUL16');
  });
  it('parses RFC 3339 only with a time zone', () => {
    assert.equal(parseRfc3339('2016-07-31T14:00:00Z'), Date.UTC(2016, 6, 31, 14));
    assert.equal(parseRfc3339('2016-07-31T16:00:00+02:00'), Date.UTC(2016, 6, 31, 14));
    assert.equal(parseRfc3339('2016-07-31T14:00:00'), undefined);
    assert.equal(parseRfc3339('yesterday'), undefined);
    assert.equal(toRfc3339(Date.UTC(2016, 6, 31, 14)), '2016-07-31T14:00:00.000Z');
  });
});

describe('JSON pointers', () => {
  it('escape ~ and / as RFC 6901 says', () => {
    assert.equal(jsonPointer(['a/b', 'c~d', 0]), '/a~1b/c~0d/0');
    assert.equal(jsonPointer([]), '');
  });
});
