// Seeded data for the geometry benchmark: the same areas, sites and queries on every run.
import { lonLat, parseGeometry, type AreaGeometry, type LonLat } from '../../src/geo/index.ts';

/** mulberry32: small, fast, good enough to scatter points. */
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

/** Syria and its borders, roughly. */
export const REGION = { minX: 35.7, minY: 32.3, maxX: 42.0, maxY: 37.3 };

export function randomPoint(rnd: () => number): LonLat {
  return lonLat(
    REGION.minX + rnd() * (REGION.maxX - REGION.minX),
    REGION.minY + rnd() * (REGION.maxY - REGION.minY),
  );
}

/** A star-shaped (so simple) polygon of `n` vertices, radius rKm kilometres. */
export function starPolygon(rnd: () => number, c: LonLat, rKm: number, n: number): AreaGeometry {
  const kx = 1 / (111.32 * Math.cos((c[1] * Math.PI) / 180)),
    ky = 1 / 110.57;
  const ring: LonLat[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n,
      r = rKm * (0.6 + 0.4 * rnd());
    ring.push(lonLat(c[0] + r * Math.cos(a) * kx, c[1] + r * Math.sin(a) * ky));
  }
  ring.push(ring[0]!);
  const g = parseGeometry({ type: 'Polygon', coordinates: [ring] });
  if (!g.ok) throw new Error(JSON.stringify(g.error[0]));
  return g.value as AreaGeometry;
}
