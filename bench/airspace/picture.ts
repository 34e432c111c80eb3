/**
 * A seeded air picture: aircraft of three actors on straight courses over the theatre, one report
 * a second each, with bursts (every aircraft reporting four times in one second), and designated
 * areas to cross. Reports are JSON batches as `POST /api/v1/tracks` receives them.
 */
import type { AreaRecord } from '../../src/rules/index.ts';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const T0 = Date.parse('2016-07-20T10:00:00Z');
const ACTORS = ['US', 'RU', 'SY-AF'];
const M_PER_DEG_LAT = 111_000;

interface Plane {
  id: string;
  actor: string;
  lon: number;
  lat: number;
  alt: number;
  vE: number;
  vN: number;
}

export interface Scenario {
  readonly areas: AreaRecord[];
  /** Batches in time order, each with the time of its last report (the clock when it arrives). */
  readonly batches: { readonly at: number; readonly body: string; readonly count: number }[];
  readonly reports: number;
}

export function scenario(aircraft: number, seconds: number, batchSize: number, seed = 2016): Scenario {
  const rnd = mulberry32(seed);
  const planes: Plane[] = Array.from({ length: aircraft }, (_, i) => {
    const speed = 60 + rnd() * 190;
    const heading = rnd() * 2 * Math.PI;
    return {
      id: `AC${String(i).padStart(5, '0')}`,
      actor: ACTORS[i % 3]!,
      lon: 32 + rnd() * 12,
      lat: 30 + rnd() * 8,
      alt: Math.round(1000 + rnd() * 11_000),
      vE: speed * Math.sin(heading),
      vN: speed * Math.cos(heading),
    };
  });
  const areas: AreaRecord[] = Array.from({ length: 20 }, (_, i) => {
    const [x, y, h] = [33 + rnd() * 10, 31 + rnd() * 6, 0.2 + rnd() * 0.3];
    const ring = [
      [x - h, y - h],
      [x + h, y - h],
      [x + h, y + h],
      [x - h, y + h],
      [x - h, y - h],
    ] as [number, number][];
    return {
      id: `area-${i}`,
      area: { type: 'Polygon', coordinates: [ring] },
      from: T0,
      to: T0 + 86_400_000,
      band: { minM: 0, maxM: 8000 },
      restrictedActors: ['SY-AF'],
      exemptions: ['MEDEVAC'],
    };
  });
  const reports: object[] = [];
  const times: number[] = [];
  for (let s = 0; s < seconds; s++) {
    const burst = s > 0 && s % 10 === 0 ? 4 : 1;
    for (let k = 0; k < burst; k++)
      for (const p of planes) {
        const dt = 1 / burst;
        p.lon += (p.vE * dt) / (M_PER_DEG_LAT * Math.cos((p.lat * Math.PI) / 180));
        p.lat += (p.vN * dt) / M_PER_DEG_LAT;
        const at = T0 + s * 1000 + Math.round((k * 1000) / burst);
        times.push(at);
        reports.push({
          aircraft: p.id,
          actor: p.actor,
          time: new Date(at).toISOString(),
          position: [p.lon, p.lat, p.alt],
        });
      }
  }
  const batches = [];
  for (let i = 0; i < reports.length; i += batchSize) {
    const part = reports.slice(i, i + batchSize);
    batches.push({
      at: times[i + part.length - 1]!,
      body: JSON.stringify({ reports: part }),
      count: part.length,
    });
  }
  return { areas, batches, reports: reports.length };
}
