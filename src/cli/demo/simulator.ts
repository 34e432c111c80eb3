/**
 * The demo's air picture: aircraft of US, RU and SY-AF flying closed circuits at realistic
 * speeds and altitudes, each reporting its position once a (scenario) second. Pure and seeded:
 * the same seed and time give the same reports, so a demo can be replayed.
 *
 * Positions are interpolated along great circles between waypoints and turns are flown at a
 * standard rate (3 degrees per second) by rounding each corner, so headings change smoothly.
 */
import { distanceMeters, lonLat, type LonLat } from '../../geo/index.ts';

export interface TrackReport {
  readonly id: string;
  readonly callsign: string;
  readonly actor: string;
  readonly party: string | null;
  readonly time: number;
  readonly lon: number;
  readonly lat: number;
  readonly altM: number;
  readonly headingDeg: number;
  readonly speedMps: number;
}

export interface Sortie {
  readonly id: string;
  readonly callsign: string;
  readonly actor: string;
  readonly party: string | null;
  readonly speedMps: number;
  readonly altM: number;
  /** Closed circuit: the last waypoint joins the first. */
  readonly circuit: readonly (readonly [number, number])[];
  /** Seconds after the scenario start at which the aircraft is at the circuit's first point. */
  readonly offsetS: number;
}

/** Mulberry32: a small seeded generator, so that a given --seed replays the same demo. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HMEIMIM: [number, number] = [35.948, 35.401];
const INCIRLIK: [number, number] = [35.426, 37.002];
const HAMA_AB: [number, number] = [36.711, 35.118];
const KUWEIRES: [number, number] = [37.583, 36.187];

/** The scenario's sorties; `seed` varies offsets and small route jitter. */
export function demoSorties(seed: number): readonly Sortie[] {
  const rand = seeded(seed);
  const jitter = (p: readonly [number, number]): [number, number] => [
    p[0] + (rand() - 0.5) * 0.04,
    p[1] + (rand() - 0.5) * 0.04,
  ];
  const sorties: Sortie[] = [];
  const add = (s: Omit<Sortie, 'offsetS' | 'circuit'> & { circuit: (readonly [number, number])[] }) =>
    sorties.push({ ...s, circuit: s.circuit.map(jitter), offsetS: Math.floor(rand() * 600) });
  // RU strike aircraft from Hmeimim over Idlib and back.
  for (let i = 0; i < 3; i++)
    add({
      id: `RU-SU34-${i + 1}`,
      callsign: `SOKOL ${i + 1}`,
      actor: 'RU-AF',
      party: 'RU',
      speedMps: 220,
      altM: 6000 + i * 600,
      circuit: [HMEIMIM, [36.3, 35.75], [36.62, 35.98], [36.9, 35.8], [36.4, 35.5]],
    });
  // US aircraft from Incirlik to the Euphrates valley.
  for (let i = 0; i < 3; i++)
    add({
      id: `US-F16-${i + 1}`,
      callsign: `VIPER ${i + 1}`,
      actor: 'US-AF',
      party: 'US',
      speedMps: 230,
      altM: 7500 + i * 300,
      circuit: [INCIRLIK, [37.2, 36.6], [38.9, 35.95], [39.2, 36.3], [37.6, 36.8]],
    });
  // A US ISR orbit north of Aleppo that crosses the RU route: safety-of-flight encounters.
  add({
    id: 'US-MQ9-1',
    callsign: 'REAPER 1',
    actor: 'US-AF',
    party: 'US',
    speedMps: 90,
    altM: 6300,
    circuit: [
      [36.9, 36.1],
      [37.2, 36.3],
      [36.5, 36.0],
      [36.4, 35.8],
    ],
  });
  // SY-AF sorties from Hama: two into the designated areas over Idlib and west of Aleppo.
  add({
    id: 'SY-MIG23-1',
    callsign: 'NASR 1',
    actor: 'SY-AF',
    party: null,
    speedMps: 200,
    altM: 4000,
    circuit: [HAMA_AB, [36.65, 35.6], [36.6, 35.95], [36.85, 35.75]],
  });
  add({
    id: 'SY-SU22-1',
    callsign: 'NASR 2',
    actor: 'SY-AF',
    party: null,
    speedMps: 190,
    altM: 3500,
    circuit: [KUWEIRES, [37.25, 36.2], [37.0, 36.28], [37.05, 36.1]],
  });
  // A SY-AF helicopter on a notified MEDEVAC flight (see the demo's flight notification).
  add({
    id: 'SY-MI17-MEDEVAC',
    callsign: 'HILAL 1',
    actor: 'SY-AF',
    party: null,
    speedMps: 60,
    altM: 600,
    circuit: MEDEVAC_ROUTE,
  });
  // SY-AF patrols outside the areas.
  add({
    id: 'SY-L39-1',
    callsign: 'NASR 3',
    actor: 'SY-AF',
    party: null,
    speedMps: 160,
    altM: 3000,
    circuit: [HAMA_AB, [36.9, 34.8], [37.3, 35.0]],
  });
  return sorties;
}

/** The MEDEVAC helicopter's route: Hama to Aleppo and back, through the Aleppo countryside area. */
export const MEDEVAC_ROUTE: (readonly [number, number])[] = [
  [36.711, 35.118],
  [36.95, 35.7],
  [37.08, 36.1],
  [37.15, 36.19],
];

interface Leg {
  readonly from: LonLat;
  readonly to: LonLat;
  readonly lengthM: number;
  readonly headingDeg: number;
}

function bearing(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180;
  const [l1, p1] = [a[0] * rad, a[1] * rad];
  const [l2, p2] = [b[0] * rad, b[1] * rad];
  const y = Math.sin(l2 - l1) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(l2 - l1);
  return (Math.atan2(y, x) / rad + 360) % 360;
}

/** The point a fraction f of the way along the great circle from a to b (a sphere is enough here). */
function slerp(a: LonLat, b: LonLat, f: number): [number, number] {
  const rad = Math.PI / 180;
  const v = (p: LonLat) => [
    Math.cos(p[1] * rad) * Math.cos(p[0] * rad),
    Math.cos(p[1] * rad) * Math.sin(p[0] * rad),
    Math.sin(p[1] * rad),
  ];
  const [x1, y1, z1] = v(a) as [number, number, number];
  const [x2, y2, z2] = v(b) as [number, number, number];
  const omega = Math.acos(Math.min(1, x1 * x2 + y1 * y2 + z1 * z2));
  if (omega < 1e-12) return [a[0], a[1]];
  const [k1, k2] = [Math.sin((1 - f) * omega) / Math.sin(omega), Math.sin(f * omega) / Math.sin(omega)];
  const [x, y, z] = [k1 * x1 + k2 * x2, k1 * y1 + k2 * y2, k1 * z1 + k2 * z2];
  return [Math.atan2(y, x) / rad, Math.atan2(z, Math.hypot(x, y)) / rad];
}

function legsOf(circuit: Sortie['circuit']): Leg[] {
  return circuit.map((p, i) => {
    const from = lonLat(p[0], p[1]);
    const q = circuit[(i + 1) % circuit.length]!;
    const to = lonLat(q[0], q[1]);
    return { from, to, lengthM: distanceMeters(from, to), headingDeg: bearing(from, to) };
  });
}

/** Flies sorties; `at(t)` gives every aircraft's report at scenario time t (epoch ms). */
export class AirPicture {
  private readonly flights: { sortie: Sortie; legs: Leg[]; lengthM: number }[];

  constructor(
    sorties: readonly Sortie[],
    private readonly startMs: number,
  ) {
    this.flights = sorties.map((sortie) => {
      const legs = legsOf(sortie.circuit);
      return { sortie, legs, lengthM: legs.reduce((s, l) => s + l.lengthM, 0) };
    });
  }

  at(timeMs: number): TrackReport[] {
    return this.flights.map(({ sortie, legs, lengthM }) => {
      const s = ((timeMs - this.startMs) / 1000 + sortie.offsetS) * sortie.speedMps;
      let along = ((s % lengthM) + lengthM) % lengthM;
      let i = 0;
      while (along > legs[i]!.lengthM && i < legs.length - 1) along -= legs[i++]!.lengthM;
      const leg = legs[i]!;
      const next = legs[(i + 1) % legs.length]!;
      // Round the corner: within the turn distance of the next waypoint, blend the headings.
      const turnRadius = sortie.speedMps / ((3 * Math.PI) / 180);
      const remaining = leg.lengthM - along;
      let heading = leg.headingDeg;
      if (remaining < turnRadius) {
        const delta = ((next.headingDeg - leg.headingDeg + 540) % 360) - 180;
        heading = (leg.headingDeg + delta * (1 - remaining / turnRadius) * 0.5 + 360) % 360;
      }
      const p = slerp(leg.from, leg.to, leg.lengthM > 0 ? along / leg.lengthM : 0);
      return {
        id: sortie.id,
        callsign: sortie.callsign,
        actor: sortie.actor,
        party: sortie.party,
        time: timeMs,
        lon: p[0],
        lat: p[1],
        altM: sortie.altM,
        headingDeg: Math.round(heading * 10) / 10,
        speedMps: sortie.speedMps,
      };
    });
  }
}
