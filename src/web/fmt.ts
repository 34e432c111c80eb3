/** How values are shown: times as UTC date-time groups, places in the user's coordinate format. */
import { toDtg } from '../core/time.ts';
import type { Item } from './api.ts';
import { formatCoord } from './coords.ts';
import { h } from './dom.ts';
import { tValue } from './i18n/index.ts';
import { store } from './store.ts';
import { str } from './str.ts';

/** `311400ZJUL16`, with the full RFC 3339 time in a tooltip; the raw value if not a time. */
export function fmtTime(v: unknown): HTMLElement | string {
  if (typeof v !== 'string') return '';
  const t = Date.parse(v);
  if (!Number.isFinite(t)) return v;
  return h('time', { dateTime: new Date(t).toISOString(), title: new Date(t).toISOString() }, toDtg(t));
}

/** A representative position of a geometry: the point itself, or the first vertex. */
export function anchorOf(g: GeoJSON.Geometry | undefined): [number, number] | undefined {
  if (!g) return undefined;
  let c: unknown = g.type === 'GeometryCollection' ? undefined : g.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') return [c[0], c[1]];
  return undefined;
}

export function fmtPlace(item: Item): string {
  const a = anchorOf(item.geometry);
  return a ? formatCoord(a, store.coordFormat) : '';
}

export function badge(prefix: string, value: unknown): HTMLElement {
  const v = str(value);
  return h('span', { className: `badge ${prefix}-${v.replace(/[^a-z0-9_-]/gi, '')}` }, tValue(prefix, v));
}

/** The title of a record for lists: its name, else its kind, else its id. */
export function titleOf(item: Item): string {
  for (const k of ['name', 'title', 'callsign', 'actor', 'kind', 'category']) {
    if (typeof item[k] === 'string' && item[k]) return item[k];
  }
  return `#${item.id.slice(0, 8)}`;
}
