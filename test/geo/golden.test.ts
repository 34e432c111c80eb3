// Golden cases around Aleppo and Idlib (test/geo/fixtures/aleppo-*). Each expected answer was
// checked by hand, as noted beside it, with N = a/sqrt(1 - e²sin²φ) and M = a(1 - e²)/(1 - e²sin²φ)^1.5
// the WGS 84 radii of curvature (a = 6378137 m, e² = 0.00669438):
// - p2 (36.2N 37.18E) is 0.01° of longitude east of hospital-m10: N·cos(36.2°)·0.01·π/180 = 899.36 m.
// - p3 (35.93N 36.635E) lies in the hole of idlib-north (36.62..36.65E, 35.92..35.94N), so not in
//   the area, and 0.002° of longitude from school-idlib: N·cos(35.93°)·0.002·π/180 = 180.49 m.
// - p6 (36.235N 37.101E) is 0.003° of latitude north of water-station's north edge (36.232N):
//   M·0.003·π/180 = 332.89 m, outside its 300 m buffer.
// - p7 (36.245N 37.13E): the road is at 36.25N at that longitude, 556 m north; the road runs at
//   atan(2220 m / 5394 m) = 22.4° to the parallel, so the perpendicular is 556·cos(22.4°) = 514 m,
//   inside the 1000 m half-width of the 2000 m corridor.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  areasAt,
  buildAreaIndex,
  buildMovementIndex,
  buildSiteIndex,
  lonLat,
  movementsNear,
  parseGeoJsonText,
  sitesNear,
  toFeatures,
  type AreaGeometry,
  type LineStringGeometry,
} from '../../src/geo/index.ts';

const fixture = (name: string) => {
  const r = parseGeoJsonText(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return toFeatures(r.value);
};
const areas = buildAreaIndex(
  fixture('aleppo-areas.geojson').map((f) => {
    const from = f.properties?.['valid_from'] as string | undefined;
    const to = f.properties?.['valid_to'] as string | undefined;
    const area = { id: String(f.id), geometry: f.geometry as AreaGeometry };
    return from && to ? { ...area, validity: { start: Date.parse(from), end: Date.parse(to) } } : area;
  }),
);
const sites = buildSiteIndex(
  fixture('aleppo-sites.geojson').map((f) => ({
    id: String(f.id),
    geometry: f.geometry!,
    bufferM: (f.properties?.['buffer_m'] as number | undefined) ?? 500,
  })),
);
const routes = buildMovementIndex(
  fixture('aleppo-routes.geojson').map((f) => ({
    id: String(f.id),
    route: f.geometry as LineStringGeometry,
    corridorWidthM: f.properties?.['corridor_width_m'] as number,
    window: {
      start: Date.parse(f.properties?.['start'] as string),
      end: Date.parse(f.properties?.['end'] as string),
    },
  })),
);
const near = (lat: number, lon: number) =>
  sitesNear(sites, lonLat(lon, lat)).map((m) => [m.item.id, Math.round(m.distanceM * 100) / 100]);
const inAreas = (lat: number, lon: number) => areasAt(areas, lonLat(lon, lat)).map((m) => m.item.id);

describe('golden cases around Aleppo and Idlib', () => {
  it('puts a point 899 m east of hospital M10 in east Aleppo and inside its 1 km buffer', () => {
    assert.deepEqual(inAreas(36.2, 37.18), ['east-aleppo']);
    assert.deepEqual(near(36.2, 37.18), [['hospital-m10', 899.35]]);
  });

  it('keeps a point in the hole of idlib-north out of the area but inside the school buffer', () => {
    assert.deepEqual(inAreas(35.93, 36.635), []);
    assert.deepEqual(near(35.93, 36.635), [['school-idlib', 180.49]]);
    assert.deepEqual(inAreas(35.91, 36.635), ['idlib-north']);
  });

  it('keeps a point 333 m from the water station out of its 300 m buffer', () => {
    assert.deepEqual(near(36.235, 37.101), []);
    assert.deepEqual(
      near(36.2335, 37.101).map(([id]) => id),
      ['water-station'],
    );
  });

  it('honours the area validity window', () => {
    const july = Date.parse('2016-07-20T12:00:00Z');
    const october = Date.parse('2016-10-01T00:00:00Z');
    const idsAt = (t: number) => areasAt(areas, lonLat(37.18, 36.2), { timeMs: t }).map((m) => m.item.id);
    assert.deepEqual(idsAt(july), ['east-aleppo']);
    assert.deepEqual(idsAt(october), []);
  });

  it('finds the Castello road corridor 514 m away only while the convoy is scheduled', () => {
    const p = lonLat(37.13, 36.245);
    const during = { start: Date.parse('2016-07-20T10:00:00Z'), end: Date.parse('2016-07-20T11:00:00Z') };
    const after = { start: Date.parse('2016-07-21T10:00:00Z'), end: Date.parse('2016-07-21T11:00:00Z') };
    const found = movementsNear(routes, p, during);
    assert.deepEqual(
      found.map((m) => m.item.id),
      ['castello-road'],
    );
    assert.ok(Math.abs(found[0]!.distanceM - 514) < 2);
    assert.deepEqual(movementsNear(routes, p, after), []);
  });
});
