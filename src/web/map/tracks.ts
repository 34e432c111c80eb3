/**
 * Live tracks. Feed messages only update a table; the map sources are rebuilt from it on a
 * timer (see `MapView`), so 2,000 aircraft reporting every second cost one `setData` a second,
 * not 2,000. What is built is kept small because every rebuild is re-tiled in MapLibre's worker
 * and redrawn in full: one point per track with only the properties the layers and the click
 * need, heading leaders and trails merged into one MultiLineString per colour.
 */
import { str } from '../str.ts';

export interface TrackReport {
  readonly id: string;
  readonly actor: string;
  readonly party: string;
  readonly lon: number;
  readonly lat: number;
  readonly alt_m: number;
  readonly heading_deg: number;
  readonly speed_mps: number;
  readonly time: string;
}

interface TrackState {
  report: TrackReport;
  /** Sampled past positions, flat [lon, lat, lon, lat, ...], at most TRAIL of them. */
  trail: number[];
  /** Report time (ms) of the newest sampled position. */
  sampledAt: number;
}

/**
 * Trails keep a position every TRAIL_STEP_MS of report time, TRAIL of them: a minute of track,
 * a few pixels long at the default zoom for a jet, for the cost of 8 positions a second ago.
 * Reports without a readable time are all kept.
 */
export const TRAIL = 12;
export const TRAIL_STEP_MS = 5000;
/** Heading leader length in screen pixels, whatever the zoom. */
export const LEADER_PX = 14;

function num(o: Record<string, unknown>, k: string): number | undefined {
  const v = o[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The server's track view keeps its position as a GeoJSON Point `[lon, lat, alt]`. */
function pointOf(o: Record<string, unknown>): number[] {
  const g = o['geometry'] as { type?: unknown; coordinates?: unknown } | null | undefined;
  return g && g.type === 'Point' && Array.isArray(g.coordinates) ? (g.coordinates as number[]) : [];
}

function at(a: number[], i: number): number | undefined {
  const v = a[i];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function parseTrack(v: unknown): TrackReport | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const p = pointOf(o);
  const lon = at(p, 0) ?? num(o, 'lon');
  const lat = at(p, 1) ?? num(o, 'lat');
  if (typeof o['id'] !== 'string' || lon === undefined || lat === undefined) return undefined;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return undefined;
  return {
    id: o['id'],
    actor: str(o['actor']),
    party: str(o['party'], o['owner']),
    lon,
    lat,
    alt_m: at(p, 2) ?? num(o, 'alt_m') ?? 0,
    heading_deg: num(o, 'headingDeg') ?? num(o, 'heading_deg') ?? 0,
    speed_mps: num(o, 'speedMps') ?? num(o, 'speed_mps') ?? 0,
    time: str(o['time']),
  };
}

/**
 * Where a leader of `px` screen pixels from (lon, lat) along `headingDeg` ends at `zoom`. In Web
 * Mercator one pixel is 360 / (512 * 2^zoom) degrees of longitude and that times cos(lat) of
 * latitude (MapLibre's tiles are 512 px), so the leader looks the same length at every latitude.
 */
export function leaderEnd(
  lon: number,
  lat: number,
  headingDeg: number,
  zoom: number,
  px: number,
): [number, number] {
  const deg = (px * 360) / (512 * 2 ** zoom);
  const h = (headingDeg * Math.PI) / 180;
  const end = lat + Math.cos(h) * deg * Math.cos((lat * Math.PI) / 180);
  return [lon + Math.sin(h) * deg, Math.max(-85, Math.min(85, end))];
}

type Lines = Map<string, GeoJSON.Position[][]>;

function addLine(groups: Lines, key: string, line: GeoJSON.Position[]): void {
  const g = groups.get(key);
  if (g) g.push(line);
  else groups.set(key, [line]);
}

function multiLines(groups: Lines, props: (key: string) => GeoJSON.GeoJsonProperties): GeoJSON.Feature[] {
  return [...groups].map(([key, coordinates]) => ({
    type: 'Feature',
    geometry: { type: 'MultiLineString', coordinates },
    properties: props(key),
  }));
}

export class TrackTable {
  private readonly tracks = new Map<string, TrackState>();
  /** Actors or track ids named by unacknowledged alerts; their tracks are drawn highlighted. */
  alerted = new Set<string>();

  get size(): number {
    return this.tracks.size;
  }

  get(id: string): TrackReport | undefined {
    return this.tracks.get(id)?.report;
  }

  update(r: TrackReport): void {
    const at = Date.parse(r.time);
    const s = this.tracks.get(r.id);
    if (!s) {
      this.tracks.set(r.id, { report: r, trail: [r.lon, r.lat], sampledAt: at });
      return;
    }
    s.report = r;
    if (at - s.sampledAt < TRAIL_STEP_MS) return; // false when either time is NaN: kept
    s.sampledAt = at;
    s.trail.push(r.lon, r.lat);
    if (s.trail.length > 2 * TRAIL) s.trail.splice(0, 2);
  }

  clear(): void {
    this.tracks.clear();
  }

  private isAlerted(r: TrackReport): boolean {
    return this.alerted.has(r.id) || this.alerted.has(r.actor);
  }

  /**
   * The `tracks` source: a point per track (clickable, so with its id) and, per colour, one
   * MultiLineString of heading leaders `LEADER_PX` long at `zoom`.
   */
  points(zoom: number): GeoJSON.FeatureCollection {
    const features: GeoJSON.Feature[] = [];
    const leaders: Lines = new Map();
    for (const { report: r } of this.tracks.values()) {
      const alert = this.isAlerted(r);
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
        properties: { id: r.id, owner: r.party, _c: 'tracks', _alert: alert },
      });
      const end = leaderEnd(r.lon, r.lat, r.heading_deg, zoom, LEADER_PX * (alert ? 1.4 : 1));
      addLine(leaders, alert ? '!' : r.party, [[r.lon, r.lat], end]);
    }
    const props = (k: string) => (k === '!' ? { owner: '', _alert: true } : { owner: k, _alert: false });
    features.push(...multiLines(leaders, props));
    return { type: 'FeatureCollection', features };
  }

  /** The `track-trails` source: one MultiLineString per party, each trail ending at the aircraft. */
  trails(): GeoJSON.FeatureCollection {
    const groups: Lines = new Map();
    for (const { report: r, trail } of this.tracks.values()) {
      const line: GeoJSON.Position[] = [];
      for (let i = 0; i < trail.length; i += 2) line.push([trail[i] as number, trail[i + 1] as number]);
      const last = line[line.length - 1];
      if (last?.[0] !== r.lon || last[1] !== r.lat) line.push([r.lon, r.lat]);
      if (line.length >= 2) addLine(groups, r.party, line);
    }
    return { type: 'FeatureCollection', features: multiLines(groups, (owner) => ({ owner })) };
  }
}
