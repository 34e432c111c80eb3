/**
 * The GeoJSON edge (RFC 7946). Takes `unknown` (attacker-controlled JSON) and returns typed readonly
 * data or EVERY fault with its JSON pointer. Deterministic normalisations instead of refusals:
 * rings are rewound to the right-hand rule (§3.1.6 says parsers SHOULD NOT reject the other
 * winding), consecutive repeated positions are dropped, a GeometryCollection of one member becomes
 * that member and nested collections are flattened (§3.1.8 SHOULD avoid them). Foreign members and
 * `bbox` are checked where RFC 7946 gives them a shape, then dropped: jig recomputes bounds.
 */
import { err, ok, jsonPointer, type FieldIssue, type Result } from '../core/index.ts';
import { checkLine, checkPolygon } from './rings.ts';
import type { Feature, FeatureCollection, GeoJson, Geometry, LonLat, SimpleGeometry } from './types.ts';

type Path = readonly (string | number)[];
type Issues = FieldIssue[];

const GEOMETRY_TYPES = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
];
const ALL_TYPES = [...GEOMETRY_TYPES, 'Feature', 'FeatureCollection'];
/** Members whose presence would change an object's meaning (RFC 7946 §7.1). */
const FORBIDDEN: Record<string, readonly string[]> = {
  Feature: ['features', 'coordinates', 'geometries'],
  FeatureCollection: ['properties', 'coordinates', 'geometry', 'geometries'],
  geometry: ['properties', 'geometry', 'features'],
};

const issue = (issues: Issues, path: Path, reason: string) =>
  issues.push({ pointer: jsonPointer(path), reason });

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' || typeof v === 'undefined' ? `an ${typeof v}` : `a ${typeof v}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses any GeoJSON object: a geometry, a Feature or a FeatureCollection. */
export function parseGeoJson(input: unknown): Result<GeoJson> {
  const issues: Issues = [];
  const value = readRoot(input, [], issues, ALL_TYPES);
  return issues.length === 0 && value !== undefined ? ok(value) : err(issues);
}

/** Parses a bare geometry object (not a Feature). */
export function parseGeometry(input: unknown): Result<Geometry> {
  const issues: Issues = [];
  const value = readRoot(input, [], issues, GEOMETRY_TYPES);
  return issues.length === 0 && value !== undefined ? ok(value as Geometry) : err(issues);
}

/** Parses GeoJSON text; a syntax error is reported at the root pointer. */
export function parseGeoJsonText(text: string): Result<GeoJson> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err([{ pointer: '', reason: `not JSON: ${(e as Error).message}` }]);
  }
  return parseGeoJson(json);
}

/** Any GeoJSON as a flat list of features (a bare geometry becomes one feature without properties). */
export function toFeatures(g: GeoJson): readonly Feature[] {
  if (g.type === 'FeatureCollection') return g.features;
  if (g.type === 'Feature') return [g];
  return [{ type: 'Feature', geometry: g, properties: null }];
}

function readRoot(input: unknown, path: Path, issues: Issues, allowed: readonly string[]) {
  if (!isObject(input)) {
    issue(issues, path, `a GeoJSON object must be an object, not ${kindOf(input)}`);
    return undefined;
  }
  const type = readType(input, path, issues, allowed);
  if (type === undefined) return undefined;
  if (type === 'FeatureCollection') return readFeatureCollection(input, path, issues);
  if (type === 'Feature') return readFeature(input, path, issues);
  return readGeometry(input, path, issues);
}

function readType(o: Record<string, unknown>, path: Path, issues: Issues, allowed: readonly string[]) {
  const t = o['type'];
  if (t === undefined) return void issue(issues, [...path, 'type'], '"type" member required');
  if (typeof t !== 'string')
    return void issue(issues, [...path, 'type'], `"type" must be a string, not ${kindOf(t)}`);
  if (!allowed.includes(t)) {
    const hint = allowed.find((a) => a.toLowerCase() === t.toLowerCase());
    const why = hint
      ? `expected "${hint}" (types are case-sensitive)`
      : `expected one of ${allowed.join(', ')}`;
    return void issue(issues, [...path, 'type'], `unknown type "${t}": ${why}`);
  }
  return t;
}

function checkCommon(o: Record<string, unknown>, kind: string, path: Path, issues: Issues): void {
  for (const m of FORBIDDEN[kind] ?? []) {
    if (m in o) issue(issues, [...path, m], `a ${kind} object cannot contain a "${m}" member`);
  }
  const bbox = o['bbox'];
  if (bbox === undefined) return;
  if (!Array.isArray(bbox))
    return void issue(issues, [...path, 'bbox'], `bbox must be an array, not ${kindOf(bbox)}`);
  if (bbox.length !== 4 && bbox.length !== 6)
    issue(issues, [...path, 'bbox'], `bbox must have 4 (2-D) or 6 (3-D) elements, not ${bbox.length}`);
  bbox.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v))
      issue(issues, [...path, 'bbox', i], 'bbox elements must be finite numbers');
  });
}

function readFeatureCollection(
  o: Record<string, unknown>,
  path: Path,
  issues: Issues,
): FeatureCollection | undefined {
  checkCommon(o, 'FeatureCollection', path, issues);
  const fs = o['features'];
  if (fs === undefined) return void issue(issues, [...path, 'features'], '"features" member required');
  if (!Array.isArray(fs))
    return void issue(issues, [...path, 'features'], `"features" must be an array, not ${kindOf(fs)}`);
  const features: Feature[] = [];
  fs.forEach((f: unknown, i) => {
    const fp = [...path, 'features', i];
    if (!isObject(f)) return void issue(issues, fp, `every feature must be an object, not ${kindOf(f)}`);
    const feature = readFeature(f, fp, issues);
    // A member of the wrong type is still read through, so that its other faults are listed too.
    if (f['type'] !== 'Feature')
      issue(issues, [...fp, 'type'], 'a member of "features" must have type "Feature"');
    else if (feature) features.push(feature);
  });
  return { type: 'FeatureCollection', features };
}

function readFeature(o: Record<string, unknown>, path: Path, issues: Issues): Feature | undefined {
  checkCommon(o, 'Feature', path, issues);
  const id = o['id'];
  if (id !== undefined && typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id)))
    issue(issues, [...path, 'id'], `"id" must be a string or a number, not ${kindOf(id)}`);
  const props = o['properties'];
  if (props === undefined)
    issue(issues, [...path, 'properties'], '"properties" member required (an object or null)');
  else if (props !== null && !isObject(props))
    issue(issues, [...path, 'properties'], `"properties" must be an object or null, not ${kindOf(props)}`);
  const g = o['geometry'];
  let geometry: Geometry | null | undefined = null;
  if (g === undefined)
    issue(issues, [...path, 'geometry'], '"geometry" member required (a geometry or null)');
  else if (g !== null) {
    if (!isObject(g))
      issue(issues, [...path, 'geometry'], `"geometry" must be an object or null, not ${kindOf(g)}`);
    else if (readType(g, [...path, 'geometry'], issues, GEOMETRY_TYPES) !== undefined)
      geometry = readGeometry(g, [...path, 'geometry'], issues);
  }
  if (geometry === undefined) return undefined;
  const base = { type: 'Feature' as const, geometry, properties: isObject(props) ? props : null };
  return typeof id === 'string' || typeof id === 'number' ? { ...base, id } : base;
}

function readGeometry(o: Record<string, unknown>, path: Path, issues: Issues): Geometry | undefined {
  checkCommon(o, 'geometry', path, issues);
  const type = o['type'] as string;
  if (type === 'GeometryCollection') return readCollection(o, path, issues);
  const c = o['coordinates'];
  const cp = [...path, 'coordinates'];
  if (c === undefined) return void issue(issues, cp, '"coordinates" member required');
  const depth = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 }[
    type
  ];
  if (depth === undefined) return undefined;
  const before = issues.length;
  const coords = readNested(c, depth, cp, issues);
  if (coords === undefined || issues.length > before) return undefined;
  return buildSimple(type, coords, cp, issues);
}

type Nested = LonLat | Nested[];

function readNested(v: unknown, depth: number, path: Path, issues: Issues): Nested | undefined {
  if (depth === 0) return readPosition(v, path, issues);
  if (!Array.isArray(v)) {
    const why = typeof v === 'number' ? 'nest it one level deeper' : `not ${kindOf(v)}`;
    return void issue(
      issues,
      path,
      `expected an array of ${depth === 1 ? 'positions' : 'arrays'} here: ${why}`,
    );
  }
  const out: Nested[] = [];
  v.forEach((x: unknown, i) => {
    const r = readNested(x, depth - 1, [...path, i], issues);
    if (r !== undefined) out.push(r);
  });
  return out;
}

function readPosition(v: unknown, path: Path, issues: Issues): LonLat | undefined {
  if (!Array.isArray(v))
    return void issue(issues, path, `a position must be an array of numbers, not ${kindOf(v)}`);
  if (v.length < 2)
    return void issue(issues, path, `a position needs longitude and latitude, got ${v.length} element(s)`);
  if (v.length > 3)
    return void issue(
      issues,
      path,
      `a position has at most three elements (lon, lat, altitude), got ${v.length}`,
    );
  let bad = false;
  v.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      bad = true;
      issue(issues, [...path, i], `position elements must be finite numbers, not ${kindOf(x)}`);
    }
  });
  if (bad) return undefined;
  const [lon, lat] = v as number[];
  if (lon! < -180 || lon! > 180) issue(issues, [...path, 0], `longitude ${lon} is outside [-180, 180]`);
  if (lat! < -90 || lat! > 90) issue(issues, [...path, 1], `latitude ${lat} is outside [-90, 90]`);
  return v as unknown as LonLat;
}

function buildSimple(type: string, c: Nested, path: Path, issues: Issues): SimpleGeometry | undefined {
  const arr = c as LonLat[] & LonLat[][] & LonLat[][][];
  switch (type) {
    case 'Point':
      return { type: 'Point', coordinates: c as LonLat };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: arr };
    case 'LineString': {
      const line = checkLine(arr, path, issues);
      return line && { type: 'LineString', coordinates: line };
    }
    case 'MultiLineString': {
      const lines = (arr as LonLat[][]).map((l, i) => checkLine(l, [...path, i], issues));
      return lines.every((l) => l)
        ? { type: 'MultiLineString', coordinates: lines as LonLat[][] }
        : undefined;
    }
    case 'Polygon': {
      const rings = checkPolygon(arr, path, issues);
      return rings && { type: 'Polygon', coordinates: rings };
    }
    default: {
      const polys = (arr as LonLat[][][]).map((p, i) => checkPolygon(p, [...path, i], issues));
      return polys.every((p) => p) ? { type: 'MultiPolygon', coordinates: polys as LonLat[][][] } : undefined;
    }
  }
}

function readCollection(o: Record<string, unknown>, path: Path, issues: Issues): Geometry | undefined {
  const gs = o['geometries'];
  const gp = [...path, 'geometries'];
  if (gs === undefined) return void issue(issues, gp, '"geometries" member required');
  if (!Array.isArray(gs)) return void issue(issues, gp, `"geometries" must be an array, not ${kindOf(gs)}`);
  const flat: SimpleGeometry[] = [];
  gs.forEach((g: unknown, i) => {
    if (!isObject(g)) return void issue(issues, [...gp, i], `a geometry must be an object, not ${kindOf(g)}`);
    if (readType(g, [...gp, i], issues, GEOMETRY_TYPES) === undefined) return;
    const r = readGeometry(g, [...gp, i], issues);
    if (r === undefined) return;
    if (r.type === 'GeometryCollection') flat.push(...r.geometries);
    else flat.push(r);
  });
  if (flat.length === 1) return flat[0];
  return { type: 'GeometryCollection', geometries: flat };
}
