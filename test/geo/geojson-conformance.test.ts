// The geojsonhint validity fixtures (see ../shared/conformance/geojson/SOURCE.md): every good file
// is accepted, every bad one is refused with the field at fault or deterministically normalised.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseGeoJsonText } from '../../src/geo/index.ts';
import { conformance } from '../support/paths.ts';

const dir = conformance('geojson');
const read = (kind: string, name: string) => parseGeoJsonText(readFileSync(join(dir, kind, name), 'utf8'));
const files = (kind: string) => readdirSync(join(dir, kind)).filter((f) => f.endsWith('.geojson'));

/** Bad files jig normalises instead of refusing, and what the normalised value must show. */
const NORMALISED: Record<string, (v: unknown) => void> = {
  // RFC 7946 §3.1.6: parsers SHOULD NOT reject the other winding; jig rewinds.
  'polygon_winding_order.geojson': (v) =>
    assert.deepEqual(v, {
      type: 'Polygon',
      coordinates: [
        [
          [100, 0],
          [101, 0],
          [101, 1],
          [100, 1],
          [100, 0],
        ],
      ],
    }),
  'bad-polygon-interiorring-rhr.geojson': (v) =>
    assert.deepEqual((v as { coordinates: unknown[] }).coordinates[1], [
      [100.2, 0.2],
      [100.2, 0.8],
      [100.8, 0.8],
      [100.8, 0.2],
      [100.2, 0.2],
    ]),
  // §3.1.8 SHOULD avoid: a single-member collection becomes its member, nesting is flattened.
  'geometrycollection_single.geojson': (v) => assert.equal((v as { type: string }).type, 'Point'),
  'geometrycollection_nested.geojson': (v) =>
    assert.ok(
      (v as { geometries: { type: string }[] }).geometries.every((g) => g.type !== 'GeometryCollection'),
    ),
  // Valid by geojsonhint's own defaults (its expected result is []): accepted unchanged.
  'excessive_precision_truncated.geojson': (v) => assert.equal((v as { type: string }).type, 'LineString'),
};

/** For bad files with several faults, every pointer jig must name. */
const POINTERS: Record<string, string[]> = {
  'multiple_problems.geojson': [
    '/features/0/id',
    '/features/0/geometry/coordinates/1',
    '/features/2/type',
    '/features/3/type',
    '/features/3/geometry/coordinates',
  ],
  'geometry_changed_semantics.geojson': ['/properties', '/geometry', '/features'],
  'bad-duplicate-properties.geojson': ['/features', '/properties', '/geometry'],
  'feature_changed_semantics.geojson': ['/features', '/coordinates'],
  'featurecollection_changed_semantics.geojson': ['/properties', '/coordinates'],
  'different-first-size.geojson': ['/coordinates/1/0'],
  'point-toomany.geojson': ['/coordinates'],
  'badfeatureid.geojson': ['/features/0/id'],
};

describe('GeoJSON conformance (geojsonhint fixtures)', () => {
  for (const f of files('good')) {
    if (f === 'issue82.geojson') {
      it('refuses issue82, whose coordinates are out of range (geojsonhint does not check ranges)', () => {
        const r = read('good', f);
        assert.equal(r.ok, false);
        if (!r.ok) assert.ok(r.error.some((i) => /latitude .* outside/.test(i.reason)));
      });
      continue;
    }
    it(`accepts good/${f}`, () => assert.equal(read('good', f).ok, true));
  }
  for (const f of files('bad')) {
    const normalise = NORMALISED[f];
    it(`${normalise ? 'normalises' : 'refuses'} bad/${f}`, () => {
      const r = read('bad', f);
      if (normalise) {
        assert.ok(r.ok, JSON.stringify(r));
        normalise(r.value);
        return;
      }
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.ok(r.error.length > 0 && r.error.every((i) => i.reason.length > 0));
      const pointers = r.error.map((i) => i.pointer);
      for (const p of POINTERS[f] ?? [])
        assert.ok(pointers.includes(p), `${p} missing from ${pointers.join(', ')}`);
    });
  }
});
