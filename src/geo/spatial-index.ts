/**
 * Spatial indexes over the current sets of designated areas, protected sites, humanitarian
 * movements and ceasefire-protected zones. Each item's box is widened by its reach (a site's
 * buffer, half a corridor's width) with a conservative bound (`expandBox`), so the box filter never
 * drops a real conflict; every candidate is then confirmed exactly (see `queries.ts`). Items that
 * are one position (most protected sites) are also held in a `PointGrid`, which answers point
 * queries for them without visiting shapes; the box index answers point queries for the rest.
 */
import { expandBox } from './distance.ts';
import { BoxIndex } from './box-index.ts';
import { PointGrid, type PointVisit } from './point-grid.ts';
import { prepareShape, type Shape } from './shapes.ts';
import type { Geometry, LineStringGeometry, MultiPolygonGeometry, PolygonGeometry } from './types.ts';

/** A half-open interval of epoch milliseconds, [start, end). */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}
/** Altitudes in metres above the WGS 84 ellipsoid, inclusive. */
export interface AltitudeBand {
  readonly minM: number;
  readonly maxM: number;
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface DesignatedArea {
  readonly id: string;
  readonly geometry: AreaGeometry;
  readonly validity?: TimeWindow;
  readonly altitude?: AltitudeBand;
  /** Actors the area is closed to; absent means every actor. */
  readonly restrictedActors?: readonly string[];
}
export interface CeasefireZone {
  readonly id: string;
  readonly geometry: AreaGeometry;
  readonly validity?: TimeWindow;
}
export interface ProtectedSite {
  readonly id: string;
  readonly geometry: Geometry;
  readonly bufferM: number;
}
export interface Movement {
  readonly id: string;
  readonly route: LineStringGeometry;
  /** Full width of the corridor: the route is protected to half of it on each side. */
  readonly corridorWidthM: number;
  readonly window: TimeWindow;
}

/** An index over items of one kind. Add and remove update it in place; see `BoxIndex`. */
export class SpatialIndex<T extends { readonly id: string }> {
  private readonly boxes: BoxIndex;
  private readonly items: (T | undefined)[] = [];
  private readonly shapes: Shape[] = [];
  private readonly reaches: number[] = [];
  private readonly slots = new Map<string, number>();
  private readonly points = new PointGrid<T>();

  constructor(
    private readonly geometryOf: (item: T) => Geometry,
    private readonly reachOf: (item: T) => number,
    items: readonly T[] = [],
  ) {
    const stored = spatialOrder(items, geometryOf).map((item) => this.store(item, false));
    this.boxes = new BoxIndex(
      stored.map((s) => s.box),
      stored.map((s) => s.inPoints),
    );
    this.points.rebuild();
  }

  get size(): number {
    return this.slots.size;
  }

  /** Adds an item, or replaces the item with the same id. */
  add(item: T): void {
    this.remove(item.id);
    const { box, inPoints } = this.store(item, true);
    const slot = this.boxes.add(box, inPoints);
    if (slot !== this.items.length - 1) throw new Error('index slots out of step');
  }

  remove(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    this.boxes.remove(slot);
    this.points.remove(slot);
    this.items[slot] = undefined;
    this.slots.delete(id);
  }

  get(id: string): T | undefined {
    const slot = this.slots.get(id);
    return slot === undefined ? undefined : this.items[slot];
  }

  all(): T[] {
    return this.items.filter((i): i is T => i !== undefined);
  }

  private store(item: T, rebuild: boolean): { box: [number, number, number, number]; inPoints: boolean } {
    const shape = prepareShape(this.geometryOf(item));
    const reach = this.reachOf(item);
    const slot = this.items.length;
    this.slots.set(item.id, slot);
    this.items.push(item);
    this.shapes.push(shape);
    this.reaches.push(reach);
    const [x = 0, y = 0] = shape.points;
    const inPoints = isSinglePoint(shape) && PointGrid.accepts(y, reach);
    if (inPoints) this.points.add(slot, item, x, y, reach, rebuild);
    return { box: expandBox(shape.box, reach), inPoints };
  }

  /** @internal Whether some live item is left to the box index for point queries. */
  get hasShapes(): boolean {
    return this.slots.size > this.points.size;
  }

  /**
   * @internal visit(item, distanceM, marginM) for every single-position item within its reach of
   * the point (see `PointGrid`); returns how many. Allocates nothing.
   */
  pointsNear(x: number, y: number, exact: boolean, visit: PointVisit<T>): number {
    return this.points.near(x, y, exact, visit);
  }

  /**
   * @internal fn(item, shape, reach, dx) for every candidate whose widened box holds the point,
   * except the single-position items answered by `pointsNear`.
   */
  eachAtPoint(x: number, y: number, fn: (item: T, shape: Shape, reach: number, dx: number) => void): void {
    this.boxes.atPoint(x, y, (slot, dx) =>
      fn(this.items[slot]!, this.shapes[slot]!, this.reaches[slot]!, dx),
    );
  }

  /** @internal The same for every candidate whose widened box meets the box. */
  eachInBox(box: readonly number[], fn: (item: T, shape: Shape, reach: number, dx: number) => void): void {
    this.boxes.inBox(box, (slot, dx) => fn(this.items[slot]!, this.shapes[slot]!, this.reaches[slot]!, dx));
  }
}

/**
 * Items sorted along a Z-order curve of their first position, so that neighbours on the ground
 * are neighbours in memory: a lookup then touches a few cache lines, not one per candidate.
 */
function spatialOrder<T>(items: readonly T[], geometryOf: (item: T) => Geometry): readonly T[] {
  const key = (item: T) => {
    const [lon = 0, lat = 0] = firstPosition(geometryOf(item));
    const x = Math.floor(((lon + 540) % 360) * 2048),
      y = Math.floor((lat + 90) * 4096);
    let k = 0;
    for (let b = 19; b >= 0; b--) k = k * 4 + ((x >> b) & 1) * 2 + ((y >> b) & 1);
    return k;
  };
  const keys = items.map(key);
  return items
    .map((_, i) => i)
    .sort((a, b) => keys[a]! - keys[b]!)
    .map((i) => items[i]!);
}

function isSinglePoint(s: Shape): boolean {
  return s.points.length === 2 && s.lines.length === 0 && s.polygons.length === 0;
}

function firstPosition(g: Geometry): readonly number[] {
  if (g.type === 'GeometryCollection') return g.geometries[0] ? firstPosition(g.geometries[0]) : [0, 0];
  let c: unknown = g.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) ? (c as number[]) : [0, 0];
}

export const buildAreaIndex = (areas: readonly DesignatedArea[]) =>
  new SpatialIndex<DesignatedArea>(
    (a) => a.geometry,
    () => 0,
    areas,
  );
export const buildZoneIndex = (zones: readonly CeasefireZone[]) =>
  new SpatialIndex<CeasefireZone>(
    (z) => z.geometry,
    () => 0,
    zones,
  );
export const buildSiteIndex = (sites: readonly ProtectedSite[]) =>
  new SpatialIndex<ProtectedSite>(
    (s) => s.geometry,
    (s) => s.bufferM,
    sites,
  );
export const buildMovementIndex = (movements: readonly Movement[]) =>
  new SpatialIndex<Movement>(
    (m) => m.route,
    (m) => m.corridorWidthM / 2,
    movements,
  );
