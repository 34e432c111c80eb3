/**
 * Live tracks. Feed messages only update a table; the map sources are rebuilt at most once per
 * animation frame, so 2,000 aircraft reporting every second cost one `setData` per frame, not
 * one per report.
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
  trail: [number, number][];
}

const TRAIL = 8;

function num(o: Record<string, unknown>, k: string): number | undefined {
  const v = o[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function parseTrack(v: unknown): TrackReport | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const lon = num(o, 'lon');
  const lat = num(o, 'lat');
  if (typeof o['id'] !== 'string' || lon === undefined || lat === undefined) return undefined;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return undefined;
  return {
    id: o['id'],
    actor: str(o['actor']),
    party: str(o['party']),
    lon,
    lat,
    alt_m: num(o, 'alt_m') ?? 0,
    heading_deg: num(o, 'heading_deg') ?? 0,
    speed_mps: num(o, 'speed_mps') ?? 0,
    time: str(o['time']),
  };
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
    const s = this.tracks.get(r.id);
    if (!s) {
      this.tracks.set(r.id, { report: r, trail: [[r.lon, r.lat]] });
      return;
    }
    s.report = r;
    s.trail.push([r.lon, r.lat]);
    if (s.trail.length > TRAIL) s.trail.shift();
  }

  clear(): void {
    this.tracks.clear();
  }

  points(): GeoJSON.FeatureCollection {
    const features: GeoJSON.Feature[] = [];
    for (const { report: r } of this.tracks.values()) {
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
        properties: {
          ...r,
          owner: r.party,
          _c: 'tracks',
          _alert: this.alerted.has(r.id) || this.alerted.has(r.actor),
        },
      });
    }
    return { type: 'FeatureCollection', features };
  }

  trails(): GeoJSON.FeatureCollection {
    const features: GeoJSON.Feature[] = [];
    for (const { report: r, trail } of this.tracks.values()) {
      if (trail.length < 2) continue;
      features.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: trail },
        properties: { owner: r.party },
      });
    }
    return { type: 'FeatureCollection', features };
  }
}

/** An upward arrow drawn on a canvas, registered as an SDF icon so it can take any colour. */
export function arrowImage(size = 32): ImageData {
  const c = document.createElement('canvas');
  c.width = size;
  c.height = size;
  const g = c.getContext('2d');
  if (!g) throw new Error('no 2d canvas');
  g.fillStyle = '#000';
  g.beginPath();
  g.moveTo(size / 2, 2);
  g.lineTo(size - 6, size - 4);
  g.lineTo(size / 2, size - 11);
  g.lineTo(6, size - 4);
  g.closePath();
  g.fill();
  return g.getImageData(0, 0, size, size);
}
