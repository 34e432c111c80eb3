/**
 * Every protection of a state in the geometry engine's indexes (`buildSiteIndex` for places,
 * `buildMovementIndex` for corridors), so that a check costs a lookup rather than a distance to
 * every protection. Membership is the engine's: boxes widened conservatively, then each candidate
 * confirmed on the WGS 84 ellipsoid, with the fast formula's figure and margin where it clearly
 * holds and the geodesic where the buffer lies inside the margin (the same rule as `withinBuffer`).
 *
 * An index depends only on the state's protected sites and humanitarian notices, so it is built
 * once per version of them and kept beside them (a WeakMap: it goes when they go). It holds every
 * protection at any time; `at` and the window are applied to each match.
 */
import type { EpochMs, RecordId } from '../core/index.ts';
import {
  buildMovementIndex,
  buildSiteIndex,
  movementsNear,
  sitesNear,
  type Geometry,
  type Match,
  type SpatialIndex,
} from '../geo/index.ts';
import type { Protection } from './model.ts';
import type { RootState } from './state.ts';

type Place = { readonly id: string; readonly geometry: Geometry; readonly bufferM: number };
type Corridor = Parameters<typeof buildMovementIndex>[0][number];

export interface Near {
  readonly protection: Protection;
  readonly distanceM: number;
  readonly marginM: number;
}

interface Window {
  readonly from: number;
  readonly to: number;
}

const isCorridor = (p: Protection): boolean =>
  p.kind === 'movement' && (p.geometry as Geometry).type === 'LineString' && p.window !== undefined;

export class ProtectionIndex {
  private readonly byId = new Map<string, Protection>();
  private readonly places: SpatialIndex<Place>;
  private readonly corridors: SpatialIndex<Corridor>;

  constructor(protections: readonly Protection[]) {
    const places: Place[] = [];
    const corridors: Corridor[] = [];
    for (const p of protections) {
      this.byId.set(p.id, p);
      if (isCorridor(p)) {
        const w = p.window!;
        const route = p.geometry as Corridor['route'];
        corridors.push({
          id: p.id,
          route,
          corridorWidthM: 2 * p.bufferM,
          window: { start: w.from, end: w.to },
        });
      } else places.push({ id: p.id, geometry: p.geometry as Geometry, bufferM: p.bufferM });
    }
    this.places = buildSiteIndex(places);
    this.corridors = buildMovementIndex(corridors);
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: RecordId): Protection | undefined {
    return this.byId.get(id);
  }

  /**
   * Protections that `geometry` comes within the buffer of, which protect at `at` or later and
   * during `window` (every time when absent).
   */
  near(geometry: Geometry, window?: Window, at?: EpochMs): Near[] {
    const query = geometry.type === 'Point' ? geometry.coordinates : geometry;
    const span = window && { start: window.from, end: window.to };
    const matches: Match<{ readonly id: string }>[] = [
      ...sitesNear(this.places, query, { exact: false }),
      ...movementsNear(this.corridors, query, span, { exact: false }),
    ];
    const out: Near[] = [];
    for (const m of matches) {
      const protection = this.byId.get(m.item.id)!;
      const w = protection.window;
      if (w && at !== undefined && w.to < at) continue;
      if (w && window && !(window.from < w.to && w.from < window.to)) continue;
      out.push({ protection, distanceM: m.distanceM, marginM: m.marginM });
    }
    return out;
  }
}

const cache = new WeakMap<object, WeakMap<object, ProtectionIndex>>();

/**
 * The index of every protection in `s` (`all` lists them at any time), built on first use and
 * shared by every state with the same sites and notices.
 */
export function indexedProtections(
  s: RootState,
  all: (s: RootState) => readonly Protection[],
): ProtectionIndex {
  const byNotices = cache.get(s.operations.sites) ?? new WeakMap<object, ProtectionIndex>();
  cache.set(s.operations.sites, byNotices);
  let index = byNotices.get(s.humanitarian.notices);
  if (index === undefined) {
    index = new ProtectionIndex(all(s));
    byNotices.set(s.humanitarian.notices, index);
  }
  return index;
}
