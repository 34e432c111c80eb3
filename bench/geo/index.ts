// Geometry benchmark: point and polygon checks against 1,000 designated areas (500 vertices each)
// and 100,000 protected sites with 2 km buffers, beside a brute force with turf over the same data
// (on a sample of queries, since it is slow). `--big` multiplies the query counts by ten.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import distance from '@turf/distance';
import { point, polygon } from '@turf/helpers';
import {
  areasAt,
  areasTouching,
  buildAreaIndex,
  forEachAreaAt,
  forEachSiteNear,
  buildSiteIndex,
  sitesNear,
  type DesignatedArea,
  type LonLat,
  type ProtectedSite,
} from '../../src/geo/index.ts';
import { prng, randomPoint, starPolygon } from './data.ts';

interface Opts {
  json: boolean;
  args?: readonly string[];
}

function emit(opts: Opts, metric: string, value: number, extra: Record<string, unknown> = {}): void {
  if (opts.json) console.log(JSON.stringify({ bench: 'geo', metric, value: Math.round(value), ...extra }));
  else
    console.log(
      `${metric.padEnd(34)} ${Math.round(value).toLocaleString('en').padStart(14)}  ${JSON.stringify(extra)}`,
    );
}

/** Rate over wall time (the figure) and over this process's CPU time (less hurt by a busy machine). */
function timed(n: number, fn: (i: number) => void): number {
  return timedBoth(n, fn).wall;
}

function timedBoth(n: number, fn: (i: number) => void): { wall: number; cpu: number } {
  const t = performance.now(),
    c = process.cpuUsage();
  for (let i = 0; i < n; i++) fn(i);
  const used = process.cpuUsage(c);
  return { wall: n / ((performance.now() - t) / 1000), cpu: n / ((used.user + used.system) / 1e6) };
}

function makeData() {
  const rnd = prng(2016);
  const areas: DesignatedArea[] = [];
  for (let i = 0; i < 1000; i++)
    areas.push({ id: `a${i}`, geometry: starPolygon(rnd, randomPoint(rnd), 3 + 7 * rnd(), 500) });
  const sites: ProtectedSite[] = [];
  for (let i = 0; i < 100_000; i++)
    sites.push({ id: `s${i}`, geometry: { type: 'Point', coordinates: randomPoint(rnd) }, bufferM: 2000 });
  const points: LonLat[] = [];
  for (let i = 0; i < 200_000; i++) points.push(randomPoint(rnd));
  const polys = Array.from({ length: 2000 }, () => starPolygon(rnd, randomPoint(rnd), 0.5, 8));
  return { areas, sites, points, polys };
}

export async function run(opts: Opts): Promise<void> {
  const scale = opts.args?.includes('--big') ? 10 : 1;
  const { areas, sites, points, polys } = makeData();
  const t = performance.now();
  const areaIndex = buildAreaIndex(areas);
  const siteIndex = buildSiteIndex(sites);
  emit(opts, 'index_build_ms', performance.now() - t, {
    unit: 'ms',
    areas: 1000,
    vertices: 500,
    sites: 100_000,
  });

  // A point check as a caller makes it (`jig geo check`, ingest): forEachAreaAt + forEachSiteNear,
  // each match handed to a visitor (here it counts and keeps the nearest site). The array API
  // (areasAt + sitesNear, one Match object per match) is measured beside it.
  let hits = 0,
    nearest = Infinity;
  const onArea = () => void hits++;
  const onSite = (_s: ProtectedSite, d: number) => {
    hits++;
    if (d < nearest) nearest = d;
  };
  const pointCheck = (p: LonLat, exact: boolean) => {
    forEachAreaAt(areaIndex, p, onArea);
    forEachSiteNear(siteIndex, p, onSite, { exact });
  };
  const arrayCheck = (p: LonLat) => {
    hits += areasAt(areaIndex, p).length + sitesNear(siteIndex, p, { exact: false }).length;
  };
  const n = points.length * 5 * scale;
  timed(50_000, (i) => pointCheck(points[i]!, false)); // warm-up
  timed(50_000, (i) => arrayCheck(points[i]!));
  const fast = timedBoth(n, (i) => pointCheck(points[i % points.length]!, false));
  const arrays = timedBoth(n / 2, (i) => arrayCheck(points[i % points.length]!));
  const exact = timedBoth(n / 10, (i) => pointCheck(points[i % points.length]!, true));

  // turf brute force over the same data: every area, every site, for a sample of points.
  const turfAreas = areas.map((a) => polygon(a.geometry.coordinates as unknown as number[][][]));
  const turfSites = sites.map((s) => point((s.geometry as unknown as { coordinates: number[] }).coordinates));
  const turfPoint = (p: LonLat) => {
    const q = point([p[0], p[1]]);
    for (const a of turfAreas) if (booleanPointInPolygon(q, a)) hits++;
    for (const s of turfSites) if (distance(q, s, { units: 'meters' }) <= 2000) hits++;
  };
  const turf = timedBoth(50 * scale, (i) => turfPoint(points[i]!));
  const figure = (metric: string, r: { wall: number; cpu: number }, mode: string) =>
    emit(opts, metric, r.wall, {
      baseline: 'turf',
      ratio: Math.round(r.wall / turf.wall),
      cpu_per_s: Math.round(r.cpu),
      cpu_ratio: Math.round(r.cpu / turf.cpu),
      mode,
    });
  figure('point_checks_per_s', fast, 'forEachAreaAt + forEachSiteNear, fast formula with margin');
  figure('point_checks_array_api_per_s', arrays, 'areasAt + sitesNear (arrays of Match), fast formula');
  figure('point_checks_exact_per_s', exact, 'forEachAreaAt + forEachSiteNear, geodesic distances');
  emit(opts, 'turf_point_checks_per_s', turf.wall, { unit: 'checks/s', cpu_per_s: Math.round(turf.cpu) });

  const polyCheck = (i: number) => {
    const g = polys[i % polys.length]!;
    hits += areasTouching(areaIndex, g).length + sitesNear(siteIndex, g, { exact: false }).length;
  };
  const polyRate = timed(polys.length * scale, polyCheck);
  // turf has no polygon-to-point distance: its brute force tests each vertex of the query
  // (an easier, looser check than jig's), so the ratio flatters turf.
  const turfPoly = timed(10 * scale, (i) => {
    for (const v of polys[i]!.coordinates[0]! as readonly LonLat[]) turfPoint(v);
  });
  emit(opts, 'polygon_checks_per_s', polyRate, { baseline: 'turf', ratio: Math.round(polyRate / turfPoly) });
  if (!opts.json) console.log(`(${hits} matches in all, nearest site ${nearest.toFixed(1)} m)`);

  // ---- 4-D route deconfliction figures (bench/geo/deconflict.ts, built alongside) ----
  const deconflict = join(import.meta.dirname, 'deconflict.ts');
  if (existsSync(deconflict)) {
    const mod = (await import(deconflict)) as { run(o: Opts): Promise<void> | void };
    await mod.run(opts);
  }
  // ---- end of deconfliction figures ----
}
