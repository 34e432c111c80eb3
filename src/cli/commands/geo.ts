/**
 * `jig geo check`: which designated areas contain each point and which protected sites' buffers
 * hold it. One JSON line per good input point on stdout; a bad line is reported on stderr with its
 * number and reason, the rest are still checked, and the exit code is then 1.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { JigError, parseRfc3339 } from '../../core/index.ts';
import {
  buildAreaIndex,
  buildSiteIndex,
  forEachAreaAt,
  forEachSiteNear,
  parseCoordinate,
  parseGeoJsonText,
  parseMgrs,
  toFeatures,
  type DesignatedArea,
  type Feature,
  type LonLat,
  type ProtectedSite,
} from '../../geo/index.ts';

interface CheckOptions {
  areas: string;
  sites: string;
  bufferM?: string;
  at?: string;
}

function loadFeatures(path: string): readonly Feature[] {
  const r = parseGeoJsonText(readFileSync(path, 'utf8'));
  if (!r.ok) throw new JigError('INVALID_GEOMETRY', `${path} is not valid GeoJSON`, { issues: r.error });
  return toFeatures(r.value);
}

function featureId(f: Feature, i: number): string {
  const id = f.id ?? f.properties?.['id'];
  return typeof id === 'string' || typeof id === 'number' ? String(id) : `#${i}`;
}

function loadAreas(path: string): DesignatedArea[] {
  return loadFeatures(path).flatMap((f, i) => {
    const g = f.geometry;
    if (g?.type !== 'Polygon' && g?.type !== 'MultiPolygon')
      throw new JigError('INVALID_GEOMETRY', `${path}: feature ${i} is not a Polygon or MultiPolygon`);
    const p = f.properties ?? {};
    const from = typeof p['valid_from'] === 'string' ? parseRfc3339(p['valid_from']) : undefined;
    const to = typeof p['valid_to'] === 'string' ? parseRfc3339(p['valid_to']) : undefined;
    const area: DesignatedArea = { id: featureId(f, i), geometry: g };
    return [
      from !== undefined || to !== undefined
        ? { ...area, validity: { start: from ?? -Infinity, end: to ?? Infinity } }
        : area,
    ];
  });
}

function loadSites(path: string, defaultBuffer: number | undefined): ProtectedSite[] {
  return loadFeatures(path).map((f, i) => {
    const b = f.properties?.['buffer_m'] ?? defaultBuffer;
    if (f.geometry === null) throw new JigError('INVALID_GEOMETRY', `${path}: feature ${i} has no geometry`);
    if (typeof b !== 'number' || !Number.isFinite(b) || b < 0)
      throw new JigError(
        'INVALID_INPUT',
        `${path}: site ${featureId(f, i)} has no buffer_m and no --buffer-m was given`,
      );
    return { id: featureId(f, i), geometry: f.geometry, bufferM: b };
  });
}

type Input = { line: number; id: string; at: LonLat } | { line: number; error: string };

function readPoints(text: string): Input[] {
  if (text.trimStart().startsWith('{')) {
    const r = parseGeoJsonText(text);
    if (!r.ok) return r.error.map((e) => ({ line: 0, error: `${e.pointer || '/'}: ${e.reason}` }));
    return toFeatures(r.value).map((f, i): Input => {
      if (f.geometry?.type !== 'Point') return { line: i + 1, error: `feature ${i} is not a Point` };
      return { line: i + 1, id: featureId(f, i), at: f.geometry.coordinates };
    });
  }
  return text.split(/\r?\n/).flatMap((raw, i): Input[] => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || (i === 0 && /^id\s*,/i.test(line))) return [];
    const [id, ...rest] = line.split(',').map((s) => s.trim());
    if (!id || rest.length === 0) return [{ line: i + 1, error: 'expected id,lat,lon or id,MGRS' }];
    if (rest.length > 2)
      return [{ line: i + 1, error: `expected id,lat,lon or id,MGRS, got ${rest.length + 1} fields` }];
    const r = rest.length === 1 ? parseMgrs(rest[0]!) : parseCoordinate(`${rest[0]}, ${rest[1]}`);
    return [
      r.ok
        ? { line: i + 1, id, at: r.value }
        : { line: i + 1, error: r.error.map((e) => e.reason).join('; ') },
    ];
  });
}

function check(points: string, opts: CheckOptions): void {
  const buffer = opts.bufferM === undefined ? undefined : Number(opts.bufferM);
  if (buffer !== undefined && !(Number.isFinite(buffer) && buffer >= 0))
    throw new JigError('INVALID_INPUT', `--buffer-m must be a number of metres, got "${opts.bufferM}"`);
  const timeMs = opts.at === undefined ? undefined : parseRfc3339(opts.at);
  if (opts.at !== undefined && timeMs === undefined)
    throw new JigError('INVALID_INPUT', `--at must be an RFC 3339 time, got "${opts.at}"`);
  const areas = buildAreaIndex(loadAreas(opts.areas));
  const sites = buildSiteIndex(loadSites(opts.sites, buffer));
  let bad = 0;
  const when = timeMs === undefined ? {} : { timeMs };
  // The visitor APIs: no Match object per hit, only the output rows themselves.
  let inAreas: string[] = [];
  let near: [distanceM: number, id: string][] = [];
  const onArea = (a: DesignatedArea) => void inAreas.push(a.id);
  const onSite = (s: ProtectedSite, d: number) => void near.push([d, s.id]);
  for (const input of readPoints(readFileSync(points, 'utf8'))) {
    if ('error' in input) {
      bad++;
      console.error(`${points}:${input.line}: ${input.error}`);
      continue;
    }
    [inAreas, near] = [[], []];
    forEachAreaAt(areas, input.at, onArea, when);
    forEachSiteNear(sites, input.at, onSite);
    const sitesOut = near
      .sort((a, b) => a[0] - b[0])
      .map(([d, id]) => ({ id, distance_m: Math.round(d * 100) / 100 }));
    console.log(JSON.stringify({ id: input.id, areas: inAreas.sort(), sites: sitesOut }));
  }
  if (bad > 0) process.exitCode = 1;
}

export function register(program: Command): void {
  const geo = program
    .command('geo')
    .description('Geometry tools: check points against areas and protected sites');
  geo
    .command('check')
    .description(
      'Print, for each point, the designated areas that contain it and the protected sites whose buffer holds it (one JSON line per point)',
    )
    .argument('<points>', 'a GeoJSON FeatureCollection of Points, or lines of id,lat,lon or id,MGRS')
    .requiredOption(
      '--areas <file>',
      'designated areas: GeoJSON Polygons/MultiPolygons (optional valid_from/valid_to)',
    )
    .requiredOption('--sites <file>', 'protected sites: GeoJSON features, buffer in the buffer_m property')
    .option('--buffer-m <metres>', 'buffer for sites without a buffer_m property')
    .option('--at <time>', "RFC 3339 time at which to test areas' validity windows")
    .action((points: string, opts: CheckOptions) => check(points, opts));
}
