/**
 * Turns records into map features. Properties keep the record's scalar fields (MapLibre drops
 * nested values) plus a few derived ones prefixed with `_` (collection, validity, ack state).
 */
import type { Collection, Item } from '../api.ts';

type Props = Record<string, string | number | boolean>;

export function scalarProps(item: Item, collection: Collection): Props {
  const out: Props = { _c: collection };
  for (const [k, v] of Object.entries(item)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

function timeOf(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : undefined;
}

/** The validity window of a record, from `valid_from`/`valid_to` or `window: {from, to}`. */
export function windowOf(item: Item): { from?: number | undefined; to?: number | undefined } {
  const w = item['window'];
  if (typeof w === 'object' && w !== null) {
    const o = w as Record<string, unknown>;
    return { from: timeOf(o['from']), to: timeOf(o['to']) };
  }
  return { from: timeOf(item['valid_from']), to: timeOf(item['valid_to']) };
}

export function validity(item: Item, at: number): 'active' | 'future' | 'expired' {
  const { from, to } = windowOf(item);
  if (from !== undefined && at < from) return 'future';
  if (to !== undefined && at >= to) return 'expired';
  return 'active';
}

/**
 * A polygon approximating a circle of `radiusM` metres around a point, on a local flat-earth
 * approximation: good to well under a pixel at the buffer sizes shown (up to tens of km).
 */
export function circle([lon, lat]: readonly number[], radiusM: number, steps = 48): GeoJSON.Polygon {
  const dLat = radiusM / 111_320;
  const dLon = radiusM / (111_320 * Math.cos(((lat ?? 0) * Math.PI) / 180));
  const ring: number[][] = [];
  for (let i = 0; i <= steps; i++) {
    const a = (2 * Math.PI * i) / steps;
    ring.push([(lon ?? 0) + dLon * Math.sin(a), (lat ?? 0) + dLat * Math.cos(a)]);
  }
  return { type: 'Polygon', coordinates: [ring] };
}

export function toCollection(
  items: readonly Item[],
  collection: Collection,
  extra: (i: Item) => Props = () => ({}),
): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  for (const item of items) {
    if (!item.geometry || typeof item.geometry !== 'object') continue;
    features.push({
      type: 'Feature',
      geometry: item.geometry,
      properties: { ...scalarProps(item, collection), ...extra(item) },
    });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * Buffers are drawn around the viewer's own party's point sites only: other parties' buffers
 * are theirs to state, and their sealed sites never reach this browser at all.
 */
export function siteBuffers(items: readonly Item[], ownParty: string): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  for (const item of items) {
    const g = item.geometry;
    const buffer = Number(item['bufferM'] ?? item['buffer_m'] ?? 0);
    if (item.owner !== ownParty || !g || g.type !== 'Point' || !(buffer > 0)) continue;
    features.push({
      type: 'Feature',
      geometry: circle(g.coordinates, buffer),
      properties: { owner: item.owner ?? '' },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Records another party sealed must never be drawn, even if a faulty server sent them. */
export function drawable(items: readonly Item[], ownParty: string): Item[] {
  return items.filter((i) => !(i.release === 'sealed' && i.owner !== ownParty));
}
