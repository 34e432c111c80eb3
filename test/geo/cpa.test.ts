import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { checkTrackPair, closestApproach, lossOfSeparation, type TrackState } from '../../src/geo/cpa.ts';
import { NMI_M } from '../../src/geo/geodesy.ts';

const cylinder = { horizontalM: 5 * NMI_M, verticalM: 300 };

describe('closest point of approach of two tracks', () => {
  it('is now, at the current distance, when the pair is already diverging', () => {
    const cpa = closestApproach({ s: [1000, 0, 50], v: [100, 0, 0] });
    assert.deepEqual(cpa, { timeS: 0, horizontalM: 1000, verticalM: 50 });
  });
  it('is found ahead for a crossing, with the vertical distance at that time', () => {
    const cpa = closestApproach({ s: [-10_000, 500, 600], v: [200, 0, -2] });
    assert.equal(cpa.timeS, 50);
    assert.equal(cpa.horizontalM, 500);
    assert.equal(cpa.verticalM, 500);
  });
  it('takes velocities as east/north components or as ground speed and track alike', () => {
    const base = { position: [36, 34] as const, altitudeM: 3000, verticalRateMps: 0 };
    const own: TrackState = { ...base, velocity: { groundSpeedMps: 100, trackDeg: 90 } };
    const ownEn: TrackState = { ...base, velocity: { eastMps: 100, northMps: 0 } };
    const intruder: TrackState = { ...base, position: [36.2, 34], velocity: { eastMps: -100, northMps: 0 } };
    const opts = { cylinder, lookaheadS: 180, model: 'wgs84' as const };
    const a = checkTrackPair(own, intruder, opts);
    const b = checkTrackPair(ownEn, intruder, opts);
    assert.ok(Math.abs(a.closest.timeS - b.closest.timeS) < 1e-9);
    assert.ok(a.loss && Math.abs(a.closest.timeS - 92.3) < 0.2);
  });
});

describe('time to loss of separation against a cylinder', () => {
  it('is zero when the pair is already inside', () => {
    assert.deepEqual(lossOfSeparation({ s: [100, 0, 0], v: [0, 0, 0] }, cylinder, 180), {
      entryS: 0,
      exitS: 180,
    });
  });
  it('waits for the vertical distance when the horizontal one is already lost', () => {
    const loss = lossOfSeparation({ s: [0, 0, 2000], v: [0, 0, -10] }, cylinder, 180);
    assert.deepEqual(loss, { entryS: 170, exitS: 180 });
  });
  it('is absent when the conflict starts beyond the look-ahead', () => {
    assert.equal(lossOfSeparation({ s: [-100_000, 0, 0], v: [100, 0, 0] }, cylinder, 180), undefined);
    assert.ok(lossOfSeparation({ s: [-100_000, 0, 0], v: [100, 0, 0] }, cylinder, 1000));
  });
  it('is absent for a pass just outside the radius or just above the half-height', () => {
    assert.equal(
      lossOfSeparation({ s: [-20_000, cylinder.horizontalM, 0], v: [100, 0, 0] }, cylinder, 1000),
      undefined,
    );
    assert.equal(lossOfSeparation({ s: [-20_000, 0, 300], v: [100, 0, 0] }, cylinder, 1000), undefined);
  });
});
