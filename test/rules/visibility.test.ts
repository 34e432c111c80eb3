import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { partyId } from '../../src/core/index.ts';
import { access, viewEvent, viewEvents } from '../../src/rules/index.ts';
import { ALEPPO, run, site, us } from './given.ts';

const US = partyId('US');
const RU = partyId('RU');

describe('visibility', () => {
  it('gives the owner everything at every release level', () => {
    for (const release of ['office', 'joint', 'sealed'] as const)
      assert.equal(access(US, { owner: US, release }), 'full');
  });

  it('gives other parties joint records in full, sealed ones as verdicts only, office ones not at all', () => {
    assert.equal(access(RU, { owner: US, release: 'joint' }), 'full');
    assert.equal(access(RU, { owner: US, release: 'sealed' }), 'verdicts');
    assert.equal(access(RU, { owner: US, release: 'office' }), 'none');
  });

  it('shows another party a sealed event as a stub without data', () => {
    const [e] = run([[us.liaison, site(ALEPPO, 'sealed')]]);
    assert.ok(e);
    assert.deepEqual(viewEvent(RU, e), {
      type: e.type,
      record: e.record,
      owner: US,
      release: 'sealed',
      at: e.at,
      sealed: true,
    });
    assert.equal(viewEvent(US, e), e);
  });

  it('hides office events from other parties entirely', () => {
    const events = run([[us.liaison, site(ALEPPO, 'office')]]);
    assert.deepEqual(viewEvents(RU, events), []);
    assert.equal(viewEvents(US, events).length, 1);
  });
});
