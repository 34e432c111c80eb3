/**
 * Safety of flight on the live picture: a uniform grid over longitude and latitude so that a report
 * is checked only against aircraft that could come inside the minima within the look-ahead, never
 * against all of them. A pair is alerted when a loss of separation is predicted within the
 * look-ahead and cleared once no loss is predicted and the two are no longer closing.
 *
 * Hand-written rather than kdbush/flatbush: those are static indexes, and every report moves a
 * point; a grid moves one entry in O(1).
 */
import { encounter, MARGIN, metresPerDegree } from './geometry.ts';
import type { MonitorOptions, Transition } from './picture.ts';

/** The moving part of a track the grid and the encounter need; `Track` in the monitor extends it. */
export interface Mover {
  readonly aircraft: string;
  actor: string | null;
  at: number;
  lon: number;
  lat: number;
  alt: number;
  vE: number;
  vN: number;
  vU: number;
  /** Ground speed, m/s (kept by the grid from vE and vN). */
  speed: number;
  cell: number;
  slot: number;
  seen: number;
  readonly partners: Set<Mover>;
}

/** Height of the grid's altitude slabs, metres: aircraft at other levels are never visited. */
const SLAB_M = 1000;
const slab = (alt: number): number => Math.max(-8, Math.min(55, Math.floor(alt / SLAB_M)));
/**
 * Cell key, kept a small integer (V8 hashes those fastest): longitude and latitude cells wrap at
 * 1,024, so cells a whole world apart share a key. That only adds candidates, every one of which
 * is checked exactly.
 */
const key = (ix: number, iy: number, iz: number): number =>
  ((ix & 1023) << 16) | ((iy & 1023) << 6) | (iz + 8);

export class SeparationGrid {
  private readonly cells = new Map<number, Mover[]>();
  private readonly cellLon: number;
  private readonly cellLat: number;
  private maxSpeed = 0;
  private maxClimb = 0;
  private generation = 0;

  constructor(
    private readonly o: MonitorOptions,
    refLat: number,
    cellM = o.lateralM + o.lookAheadS * 300,
  ) {
    const m = metresPerDegree(refLat);
    this.cellLon = cellM / m.x;
    this.cellLat = cellM / m.y;
  }

  /** Places (or moves) a mover in the grid after its position changed. */
  place(t: Mover): void {
    const k = key(Math.floor(t.lon / this.cellLon), Math.floor(t.lat / this.cellLat), slab(t.alt));
    t.speed = Math.hypot(t.vE, t.vN);
    this.maxSpeed = Math.max(this.maxSpeed, t.speed);
    this.maxClimb = Math.max(this.maxClimb, Math.abs(t.vU));
    if (k === t.cell && t.slot >= 0) return;
    this.remove(t);
    let cell = this.cells.get(k);
    if (!cell) this.cells.set(k, (cell = []));
    t.cell = k;
    t.slot = cell.length;
    cell.push(t);
  }

  remove(t: Mover): void {
    const cell = this.cells.get(t.cell);
    if (!cell || t.slot < 0) return;
    const last = cell.pop()!;
    if (last !== t) {
      cell[t.slot] = last;
      last.slot = t.slot;
    }
    if (cell.length === 0) this.cells.delete(t.cell);
    t.slot = -1;
  }

  /** Checks a mover that just reported against every mover that could reach it; pushes transitions. */
  check(t: Mover, staleMs: number, out: Transition[]): void {
    const gen = ++this.generation;
    const H = this.o.lookAheadS;
    const L = this.o.lateralM * MARGIN;
    const V = this.o.verticalM * MARGIN;
    const speed = t.speed;
    const climb = Math.abs(t.vU);
    const reach = L + H * (speed + this.maxSpeed);
    const m = metresPerDegree(t.lat);
    // 5% wider than the reach: the grid's degrees are not the same metres at every latitude.
    const rx = Math.ceil((reach * 1.05) / m.x / this.cellLon);
    const ry = Math.ceil((reach * 1.05) / m.y / this.cellLat);
    const cx = Math.floor(t.lon / this.cellLon);
    const cy = Math.floor(t.lat / this.cellLat);
    const cz = slab(t.alt);
    const rz = Math.ceil((V + H * (climb + this.maxClimb)) / SLAB_M);
    const hasOpen = t.partners.size > 0;
    for (let ix = cx - rx; ix <= cx + rx; ix++)
      for (let iy = cy - ry; iy <= cy + ry; iy++)
        for (let iz = Math.max(-8, cz - rz); iz <= Math.min(55, cz + rz); iz++) {
          const cell = this.cells.get(key(ix, iy, iz));
          if (!cell) continue;
          for (let i = 0; i < cell.length; i++) {
            const c = cell[i]!;
            if (c === t || (t.actor !== null && t.actor === c.actor) || t.at - c.at > staleMs) continue;
            if (!hasOpen || !t.partners.has(c)) {
              // Cheap rejections, vertical first (most pairs are at other levels): the gap now is
              // more than either aircraft can close within the look-ahead.
              const dt = (t.at - c.at) / 1000;
              const z = c.alt + c.vU * dt - t.alt;
              const zr = V + H * (climb + Math.abs(c.vU));
              if (z > zr || z < -zr) continue;
              const x = (c.lon - t.lon) * m.x + c.vE * dt;
              const y = (c.lat - t.lat) * m.y + c.vN * dt;
              const hr = L + H * (speed + c.speed);
              if (x * x + y * y > hr * hr) continue;
            }
            if (hasOpen) c.seen = gen;
            this.pair(t, c, m.x, m.y, out);
          }
        }
    if (hasOpen) for (const c of t.partners) if (c.seen !== gen) this.pair(t, c, m.x, m.y, out);
  }

  private pair(t: Mover, c: Mover, mx: number, my: number, out: Transition[]): void {
    const dt = (t.at - c.at) / 1000;
    const x = (c.lon - t.lon) * mx + c.vE * dt;
    const y = (c.lat - t.lat) * my + c.vN * dt;
    const z = c.alt + c.vU * dt - t.alt;
    const vx = c.vE - t.vE;
    const vy = c.vN - t.vN;
    const vz = c.vU - t.vU;
    const open = t.partners.has(c);
    const e = encounter({ x, y, vx, vy, z, vz }, this.o.lateralM, this.o.verticalM, this.o.lookAheadS);
    if (e.lossInS !== null && !open) {
      t.partners.add(c);
      c.partners.add(t);
      const [a, b] = t.aircraft < c.aircraft ? [t, c] : [c, t];
      out.push({
        kind: 'separation_risk',
        aircraft: [a.aircraft, b.aircraft],
        actors: [a.actor ?? 'UNKNOWN', b.actor ?? 'UNKNOWN'],
        at: t.at,
        lossAt: Math.round(t.at + e.lossInS * 1000),
        cpaAt: Math.round(t.at + e.cpaInS * 1000),
        cpaDistanceM: e.cpaDistanceM,
        cpaVerticalM: e.cpaVerticalM,
      });
    } else if (e.lossInS === null && open && e.cpaInS === 0) this.clear(t, c, t.at, out);
  }

  /** Closes the alert of a pair (both separated, or one left the picture). */
  clear(t: Mover, c: Mover, at: number, out: Transition[]): void {
    t.partners.delete(c);
    c.partners.delete(t);
    const pair: [string, string] =
      t.aircraft < c.aircraft ? [t.aircraft, c.aircraft] : [c.aircraft, t.aircraft];
    out.push({ kind: 'separation_cleared', aircraft: pair, at });
  }
}
