// Random geometry for the property tests: small star-shaped polygons and points in three regions
// (northern Syria, across the antimeridian, near the north and south poles).
import fc from 'fast-check';
import { lonLat, parseGeometry, type AreaGeometry, type LonLat } from '../../src/geo/index.ts';

export type Region = 'syria' | 'antimeridian' | 'polar';
const wrap = (x: number) => ((((x + 180) % 360) + 360) % 360) - 180;

export const centre = (region: Region): fc.Arbitrary<[number, number]> => {
  switch (region) {
    case 'syria':
      return fc.tuple(
        fc.double({ min: 35.5, max: 38.5, noNaN: true }),
        fc.double({ min: 35, max: 37, noNaN: true }),
      );
    case 'antimeridian':
      return fc.tuple(
        fc.double({ min: 179.2, max: 180.8, noNaN: true }),
        fc.double({ min: -30, max: 30, noNaN: true }),
      );
    case 'polar':
      return fc.tuple(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.oneof(
          fc.double({ min: 84, max: 88.5, noNaN: true }),
          fc.double({ min: -88.5, max: -84, noNaN: true }),
        ),
      );
  }
};

/** A point within about `spread` degrees of latitude of a centre. */
export const near = (c: [number, number], dLon: number, dLat: number): LonLat => {
  const lat = Math.max(-90, Math.min(90, c[1] + dLat));
  const k = Math.max(0.05, Math.cos((c[1] * Math.PI) / 180));
  return lonLat(wrap(c[0] + dLon / k), lat);
};

/** Star-shaped polygon (so always simple) of radius r degrees of latitude around c. */
export function starPolygon(c: [number, number], r: number, radii: readonly number[]): AreaGeometry {
  const n = radii.length;
  const ring = radii.map((f, i) => {
    const a = (2 * Math.PI * i) / n;
    return near(c, r * f * Math.cos(a), r * f * Math.sin(a));
  });
  ring.push(ring[0]!);
  const parsed = parseGeometry({ type: 'Polygon', coordinates: [ring] });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value as AreaGeometry;
}

export const polygonArb = (region: Region) =>
  fc
    .record({
      c: centre(region),
      r: fc.double({ min: 0.005, max: 0.1, noNaN: true }),
      radii: fc.array(fc.double({ min: 0.3, max: 1, noNaN: true }), { minLength: 3, maxLength: 12 }),
    })
    .map(({ c, r, radii }) => starPolygon(c, r, radii));
