/**
 * Track-pair geometry against NASA DAIDALUS's public vectors (../shared/conformance/daidalus,
 * see its SOURCE.md): the DaidalusExample time to loss of separation under the CD3D cylinder, and
 * every `.daa` encounter against a brute-force, time-stepped computation.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  closestApproach,
  lossOfSeparation,
  relativeState,
  type Cylinder,
  type RelativeState,
  type TrackState,
} from '../../src/geo/cpa.ts';
import {
  destination,
  FT_M,
  KNOT_MPS,
  NMI_M,
  surfaceDistanceM,
  type EarthModel,
} from '../../src/geo/geodesy.ts';
import { parseDaa, type DaaAircraft } from '../support/daa.ts';
import { conformance } from '../support/paths.ts';

const dir = conformance('daidalus');
const read = (...p: string[]) => readFileSync(join(dir, ...p), 'utf8');

/** The CD3D detector's cylinder and look-ahead, read from the configuration file. */
function cd3d(): { cylinder: Cylinder; lookaheadS: number } {
  const conf = read('Configurations', 'CD3D.conf');
  const value = (key: string) => Number(new RegExp(`^${key} = ([\\d.]+)`, 'm').exec(conf)?.[1]);
  return {
    cylinder: { horizontalM: value('CD3D_det_1_D') * NMI_M, verticalM: value('CD3D_det_1_H') * FT_M },
    lookaheadS: value('lookahead_time'),
  };
}
const { cylinder, lookaheadS } = cd3d();

interface ExampleAircraft {
  lat_deg: number;
  lon_deg: number;
  alt_ft: number;
  trk_deg: number;
  gs_knot: number;
  vs_fpm: number;
}
function exampleState(a: ExampleAircraft): TrackState {
  return {
    position: [a.lon_deg, a.lat_deg],
    altitudeM: a.alt_ft * FT_M,
    velocity: { groundSpeedMps: a.gs_knot * KNOT_MPS, trackDeg: a.trk_deg },
    verticalRateMps: (a.vs_fpm * FT_M) / 60,
  };
}

describe('DaidalusExample under the CD3D cylinder (5 nmi, 1,000 ft, 180 s)', () => {
  const scenario = JSON.parse(read('Regression', 'DaidalusExample-scenario.json')) as {
    ownship: ExampleAircraft;
    traffic: ExampleAircraft[];
  };
  const gold = Number(
    /Predicted Time to Violation of Alert Thresholds at Level 1 with intruder: ([\d.]+)/.exec(
      read('Regression', 'gold', 'DaidalusExample-cd3d.out'),
    )?.[1],
  );
  const own = exampleState(scenario.ownship);
  const intruder = exampleState(scenario.traffic[0]!);
  const entry = (model: EarthModel) =>
    lossOfSeparation(relativeState(own, intruder, model), cylinder, lookaheadS)?.entryS;

  it('reads the gold time to violation (5.46 s)', () => {
    assert.equal(gold, 5.46);
  });
  it('matches the gold on DAIDALUS spherical earth (one nautical mile per minute of arc) to 0.02 s', () => {
    const t = entry('sphere-nmi');
    assert.ok(t !== undefined && Math.abs(t - gold) <= 0.02, `got ${t}`);
  });
  it('comes out near 5.38 s on the WGS 84 ellipsoid', () => {
    const t = entry('wgs84');
    assert.ok(t !== undefined && Math.abs(t - 5.38) <= 0.01, `got ${t}`);
  });
});

function trackState(a: DaaAircraft): TrackState {
  return {
    position: a.position!,
    altitudeM: a.altitudeM,
    velocity: { eastMps: a.eastMps, northMps: a.northMps },
    verticalRateMps: a.verticalRateMps,
  };
}

/** Brute force in the tangent plane: step the same straight-line relative trajectory. */
function steppedPlanar(rel: RelativeState, horizonS: number, dt: number) {
  let cpaT = 0;
  let cpaD = Infinity;
  let entry: number | undefined;
  for (let i = 0; i * dt <= horizonS; i++) {
    const t = i * dt;
    const d = Math.hypot(rel.s[0] + rel.v[0] * t, rel.s[1] + rel.v[1] * t);
    const z = Math.abs(rel.s[2] + rel.v[2] * t);
    if (d < cpaD) [cpaD, cpaT] = [d, t];
    if (entry === undefined && t <= lookaheadS && d < cylinder.horizontalM && z < cylinder.verticalM)
      entry = t;
  }
  return { cpaT, cpaD, entry };
}

/**
 * Brute force on the ellipsoid, without any projection: each aircraft flies its WGS 84 geodesic
 * at its ground speed, and distances are geodesic distances.
 */
function steppedGeodesic(own: DaaAircraft, intr: DaaAircraft, horizonS: number, dt: number) {
  const fly = (a: DaaAircraft, t: number) => {
    const gs = Math.hypot(a.eastMps, a.northMps);
    const trk = (Math.atan2(a.eastMps, a.northMps) * 180) / Math.PI;
    return { p: destination(a.position!, trk, gs * t, 'wgs84'), z: a.altitudeM + a.verticalRateMps * t };
  };
  let cpaT = 0;
  let cpaD = Infinity;
  let entry: number | undefined;
  for (let i = 0; i * dt <= horizonS; i++) {
    const t = i * dt;
    const [o, x] = [fly(own, t), fly(intr, t)];
    const d = surfaceDistanceM(o.p, x.p, 'wgs84');
    if (d < cpaD) [cpaD, cpaT] = [d, t];
    if (
      entry === undefined &&
      t <= lookaheadS &&
      d < cylinder.horizontalM &&
      Math.abs(x.z - o.z) < cylinder.verticalM
    )
      entry = t;
  }
  return { cpaT, cpaD, entry };
}

const encounters = readdirSync(join(dir, 'Scenarios')).filter((f) => f.endsWith('.daa'));

describe('every .daa encounter against a time-stepped brute force', () => {
  it('finds the six encounter files', () => {
    assert.equal(encounters.length, 6);
  });
  for (const file of encounters) {
    const steps = parseDaa(read('Scenarios', file));
    it(`${file}: CPA and loss-of-separation times agree with the planar brute force within 1 s`, () => {
      let pairs = 0;
      for (const step of steps)
        for (const intr of step.traffic) {
          const rel = relativeState(trackState(step.ownship), trackState(intr), 'wgs84');
          const cpa = closestApproach(rel);
          const loss = lossOfSeparation(rel, cylinder, lookaheadS);
          const brute = steppedPlanar(rel, Math.max(lookaheadS, cpa.timeS + 5), 0.05);
          assert.ok(
            Math.abs(brute.cpaT - cpa.timeS) <= 1,
            `${file} t=${step.timeS}: cpa ${cpa.timeS} vs ${brute.cpaT}`,
          );
          assert.equal(
            loss === undefined,
            brute.entry === undefined,
            `${file} t=${step.timeS}: loss ${loss?.entryS}`,
          );
          if (loss && brute.entry !== undefined) assert.ok(Math.abs(loss.entryS - brute.entry) <= 1);
          pairs++;
        }
      assert.ok(pairs > 100);
    });
    it(`${file}: and with a geodesic brute force on the ellipsoid (every 10th step)`, () => {
      for (const step of steps.filter((_, i) => i % 10 === 0))
        for (const intr of step.traffic) {
          const rel = relativeState(trackState(step.ownship), trackState(intr), 'wgs84');
          const cpa = closestApproach(rel);
          const loss = lossOfSeparation(rel, cylinder, lookaheadS);
          const brute = steppedGeodesic(
            step.ownship,
            intr,
            Math.min(Math.max(lookaheadS, cpa.timeS + 5), 400),
            0.25,
          );
          if (cpa.timeS < 395)
            assert.ok(
              Math.abs(brute.cpaT - cpa.timeS) <= 1,
              `${file} t=${step.timeS}: cpa ${cpa.timeS} vs ${brute.cpaT}`,
            );
          assert.equal(
            loss === undefined,
            brute.entry === undefined,
            `${file} t=${step.timeS}: loss ${loss?.entryS}`,
          );
          if (loss && brute.entry !== undefined)
            assert.ok(
              Math.abs(loss.entryS - brute.entry) <= 1,
              `${file} t=${step.timeS}: ${loss.entryS} vs ${brute.entry}`,
            );
        }
    });
  }
});

describe('H1 head-on encounter against the DaidalusAlerting gold (no SUM)', () => {
  const steps = parseDaa(read('Scenarios', 'H1.daa'));
  const rows = read('Regression', 'gold', 'DaidalusqAlerting-no_sum.csv')
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(',').map((s) => s.trim()));

  it('reproduces horizontal separation, TCPA and DCPA of every row on the spherical earth', () => {
    assert.equal(rows.length, steps.length);
    for (const row of rows) {
      const step = steps.find((s) => s.timeS === Number(row[0]));
      assert.ok(step && step.traffic[0], `no state at ${row[0]}`);
      const rel = relativeState(trackState(step.ownship), trackState(step.traffic[0]), 'sphere-nmi');
      const cpa = closestApproach(rel);
      assert.ok(
        Math.abs(Math.hypot(rel.s[0], rel.s[1]) / NMI_M - Number(row[8])) < 1e-4,
        `separation at ${row[0]}`,
      );
      assert.ok(
        Math.abs(cpa.timeS - Number(row[14])) < 0.01,
        `TCPA at ${row[0]}: ${cpa.timeS} vs ${row[14]}`,
      );
      assert.ok(Math.abs(cpa.horizontalM / NMI_M - Number(row[15])) < 1e-4, `DCPA at ${row[0]}`);
    }
  });
});
