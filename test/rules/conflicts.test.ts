import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { epochMs, partyId, recordId } from '../../src/core/index.ts';
import { lonLat } from '../../src/geo/index.ts';
import type { Protection } from '../../src/rules/model.ts';
import { conflictsFor } from '../../src/rules/operations/conflicts.ts';
import { ALEPPO, HOUR, T0, north, policy } from './given.ts';

// The humanitarian slice hands its convoys and aid sites over as `Protection`s; this is the check
// they go through.
const convoy = (from: number, to: number, release: Protection['release'] = 'joint'): Protection => ({
  id: recordId('m1'),
  kind: 'movement',
  owner: partyId('US'),
  release,
  category: 'convoy',
  geometry: { type: 'LineString', coordinates: [north(-5000), north(5000)] },
  bufferM: 1000,
  window: { from: epochMs(from), to: epochMs(to) },
});
const target = { type: 'Point', coordinates: lonLat(ALEPPO[0] + 0.005, ALEPPO[1]) } as const;
const win = { from: epochMs(T0 + HOUR), to: epochMs(T0 + 13 * HOUR) };

describe('conflicts with protections from other slices', () => {
  it('blocks with MOVEMENT_CONFLICT a target near an active convoy route', () => {
    const [c] = conflictsFor(policy, [convoy(T0, T0 + 6 * HOUR)], target, win);
    assert.equal(c?.code, 'MOVEMENT_CONFLICT');
  });

  it('ignores a convoy whose window does not meet the nomination window', () => {
    assert.deepEqual(conflictsFor(policy, [convoy(T0 + 20 * HOUR, T0 + 30 * HOUR)], target, win), []);
  });

  it('discloses a sealed movement as humanitarian, without its id or route', () => {
    const [c] = conflictsFor(policy, [convoy(T0, T0 + 6 * HOUR, 'sealed')], target, win);
    assert.deepEqual(c, {
      disclosure: 'sealed',
      code: 'MOVEMENT_CONFLICT',
      kind: 'movement',
      owner: 'US',
      categoryClass: 'humanitarian',
      withinM: 1000,
    });
  });
});
