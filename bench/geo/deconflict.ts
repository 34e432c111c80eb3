/**
 * 4-D route deconfliction: the space-time index against the all-pairs exact check, on the same
 * seeded routes in the same run. Brute force runs in full at 1,000 routes; at 10,000 it is
 * estimated from a random sample of pairs (stated in the output). `--big` adds 30,000 routes.
 */
import { deconflictAllPairs, deconflictPaths } from '../../src/geo/deconflict.ts';
import { destination, FT_M, NMI_M, type LonLat } from '../../src/geo/geodesy.ts';
import { conflictBetween } from '../../src/geo/route-conflict.ts';
import { prepareRoute, type RoutePath } from '../../src/geo/route-path.ts';
import type { Route, RouteWaypoint } from '../../src/geo/route.ts';

/** mulberry32: small, fast, seeded. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;
const T0 = Date.UTC(2016, 6, 31);
const CENTRE: LonLat = [38.5, 35];

/**
 * One day of flights over a theatre about 1,000 km across: 2 to 7 legs of 30 to 150 km, 60 to
 * 250 m/s, altitude bands 150 to 600 m tall between 300 m and 12 km, a third climbing or
 * descending (per-waypoint bands).
 */
export function randomRoutes(n: number, seed: number): Route[] {
  const rnd = prng(seed);
  return Array.from({ length: n }, (_, r) => {
    let p = destination(CENTRE, rnd() * 360, Math.sqrt(rnd()) * 500_000, 'wgs84');
    let t = T0 + rnd() * DAY_MS;
    let heading = rnd() * 360;
    const speed = 60 + rnd() * 190;
    const base = 300 + rnd() * 11_700;
    const width = 150 + rnd() * 450;
    const climbing = rnd() < 1 / 3;
    const legs = 2 + Math.floor(rnd() * 6);
    const waypoints: RouteWaypoint[] = [];
    for (let i = 0; i <= legs; i++) {
      const minM = climbing ? 300 + (base - 300) * Math.min(1, i / 2) : base;
      waypoints.push({ position: p, time: t, altitude: { minM, maxM: minM + width } });
      const leg = 30_000 + rnd() * 120_000;
      heading += (rnd() - 0.5) * 120;
      p = destination(p, heading, leg, 'wgs84');
      t += (leg / speed) * 1000;
    }
    return { id: `r${r}`, waypoints };
  });
}

const MINIMA = { lateralM: 5 * NMI_M, verticalM: 1000 * FT_M };

/**
 * Runs f once and measures it on two clocks: wall time, and this process's CPU time. The machine
 * is shared, so CPU time is the fairer reading of "on one core"; both are printed.
 */
function time<T>(f: () => T): [T, number, number] {
  const t = performance.now();
  const c = process.cpuUsage();
  const v = f();
  const used = process.cpuUsage(c);
  return [v, performance.now() - t, (used.user + used.system) / 1000];
}

/** All-pairs time estimated from `samples` random pairs (plus the same preparation). */
function estimateAllPairs(paths: readonly RoutePath[], samples: number, seed: number): number {
  const rnd = prng(seed);
  const n = paths.length;
  const [, , ms] = time(() => {
    for (let s = 0; s < samples; s++) {
      const i = Math.floor(rnd() * n);
      const j = (i + 1 + Math.floor(rnd() * (n - 1))) % n;
      const [a, b] = [paths[i]!, paths[j]!];
      if (a.end <= b.start || b.end <= a.start) continue;
      conflictBetween(a, b, MINIMA);
    }
  });
  return (ms / samples) * ((n * (n - 1)) / 2);
}

function emit(json: boolean, metric: string, value: number, extra: Record<string, unknown>): void {
  const line = { bench: 'geo', metric, value: Math.round(value * 10) / 10, unit: 'ms', ...extra };
  console.log(json ? JSON.stringify(line) : `${metric}: ${line.value} ms ${JSON.stringify(extra)}`);
}

/** Best of `runs` by CPU time (the first run also pays for compiling the code). */
function best<T>(runs: number, f: () => T): [T, number, number] {
  let out = time(f);
  for (let i = 1; i < runs; i++) {
    const next = time(f);
    if (next[2] < out[2]) out = next;
  }
  return out;
}

const prepareAll = (routes: readonly Route[]) => routes.map((r, i) => prepareRoute(r, `/${i}`));

export function run({ json, args = [] }: { json: boolean; args?: string[] }): void {
  const sizes = args.includes('--big') ? [1000, 10_000, 30_000] : [1000, 10_000];
  for (const n of sizes) {
    const routes = randomRoutes(n, 20160731 + n);
    const [[paths, conflicts], wallMs, cpuMs] = best(3, () => {
      const ps = prepareAll(routes);
      return [ps, deconflictPaths(ps, MINIMA)] as const;
    });
    const [, , prepMs] = best(3, () => prepareAll(routes));
    let allPairsMs: number;
    let baseline = 'all_pairs';
    if (n <= 1000) {
      const [brute, , ms] = time(() => deconflictAllPairs(paths, MINIMA));
      if (brute.length !== conflicts.length)
        throw new Error(`index found ${conflicts.length}, brute force ${brute.length}`);
      allPairsMs = ms + prepMs;
    } else {
      allPairsMs = estimateAllPairs(paths, 200_000, n) + prepMs;
      baseline = 'all_pairs_estimated_from_200000_sampled_pairs';
    }
    emit(json, `deconflict_${n}_routes_ms`, cpuMs, {
      clock: 'process_cpu',
      wall_ms: Math.round(wallMs),
      baseline,
      baseline_ms: Math.round(allPairsMs),
      ratio: Math.round((allPairsMs / cpuMs) * 10) / 10,
      conflicts: conflicts.length,
      prepare_ms: Math.round(prepMs),
    });
  }
}
