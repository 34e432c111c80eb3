/**
 * Coordinates as people read and type them: decimal degrees (latitude first, as spoken) or MGRS.
 * On the wire they stay GeoJSON `[lon, lat]`.
 */
import * as mgrsModule from 'mgrs';

// The bundler takes mgrs's ES module; Node (unit tests) loads its CommonJS build, whose names
// sit under `default`. Either way the same two functions are used.
const cjs = 'default';
const mgrs = ((mgrsModule as Record<string, unknown>)[cjs] as typeof mgrsModule | undefined) ?? mgrsModule;

export type CoordFormat = 'dd' | 'mgrs';
export type LonLat = [number, number];

/** `33.51300N 36.29200E` or `37SBT4827211116`. */
export function formatCoord([lon, lat]: readonly [number, number], fmt: CoordFormat): string {
  if (fmt === 'mgrs') {
    try {
      return mgrs.forward([lon, lat], 5);
    } catch {
      // MGRS does not cover the poles (UPS); fall back to degrees there.
    }
  }
  const ns = lat >= 0 ? 'N' : 'S';
  const ew = lon >= 0 ? 'E' : 'W';
  return `${Math.abs(lat).toFixed(5)}${ns} ${Math.abs(lon).toFixed(5)}${ew}`;
}

const DD = /^\s*(-?\d+(?:\.\d+)?)\s*°?\s*([NS])?\s*[,;\s]\s*(-?\d+(?:\.\d+)?)\s*°?\s*([EW])?\s*$/i;

/** Parses one coordinate typed as degrees (`lat, lon`, hemisphere letters allowed) or MGRS. */
export function parseCoord(text: string): LonLat | undefined {
  const m = DD.exec(text);
  if (m) {
    let lat = Number(m[1]);
    let lon = Number(m[3]);
    if (m[2]?.toUpperCase() === 'S') lat = -Math.abs(lat);
    if (m[4]?.toUpperCase() === 'W') lon = -Math.abs(lon);
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
    return [lon, lat];
  }
  const compact = text.replace(/\s+/g, '').toUpperCase();
  if (!/^\d{1,2}[C-X][A-Z]{2}\d{2,10}$/.test(compact)) return undefined;
  try {
    const [lon, lat] = mgrs.toPoint(compact);
    return Number.isFinite(lon) && Number.isFinite(lat) ? [lon, lat] : undefined;
  } catch {
    return undefined;
  }
}

/** Parses one coordinate per line (or separated by `|`); undefined if any part is invalid. */
export function parseCoordList(text: string): LonLat[] | undefined {
  const parts = text
    .split(/\n|\|/)
    .map((s) => s.trim())
    .filter(Boolean);
  const out: LonLat[] = [];
  for (const p of parts) {
    const c = parseCoord(p);
    if (!c) return undefined;
    out.push(c);
  }
  return out;
}
