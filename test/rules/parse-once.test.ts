import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommand, wasParsed } from '../../src/rules/index.ts';
import { examples } from '../../src/server/examples.ts';

const nomination = { type: 'NominateTarget', ...(examples['NominateTarget'] as object) };

describe('a command parsed once', () => {
  it('is known as parsed, so that the service need not parse it again', () => {
    const parsed = parseCommand(nomination);
    assert.ok(parsed.ok);
    assert.ok(wasParsed(parsed.value));
  });

  it('is known by identity only: an equal object, a copy or raw input is parsed again', () => {
    const parsed = parseCommand(nomination);
    assert.ok(parsed.ok);
    assert.equal(wasParsed({ ...parsed.value }), false);
    assert.equal(wasParsed(structuredClone(parsed.value)), false);
    assert.equal(wasParsed(nomination), false);
    assert.equal(wasParsed(undefined), false);
    assert.equal(wasParsed('NominateTarget'), false);
  });

  it('is never a refused command', () => {
    const refused = parseCommand({ ...nomination, group: 7 });
    assert.equal(refused.ok, false);
    assert.equal(wasParsed(refused), false);
  });
});
