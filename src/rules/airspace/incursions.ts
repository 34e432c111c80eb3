/**
 * Which designated areas a report puts a restricted actor in without a matching exemption. An
 * exemption is an ACKNOWLEDGED flight notification of the same aircraft, of a category the area
 * allows, whose window contains the report's time and whose corridor and altitude band contain
 * its position. Inside the window of such a flight but outside its corridor or band is
 * `left_corridor`.
 */
import { bboxOf, inCorridor, inPolygon } from './geometry.ts';
import type { AreaRecord, FlightRecord, PreparedArea, TrackReport } from './picture.ts';

export function prepareArea(a: AreaRecord): PreparedArea {
  return {
    ...a,
    bbox: bboxOf(a.area),
    restricted: new Set(a.restrictedActors),
    allowed: new Set(a.exemptions),
  };
}

/** Whether a report is inside an area: window, altitude band, bounding box, polygon. */
export function insideArea(a: PreparedArea, r: TrackReport): boolean {
  if (r.at < a.from || r.at > a.to) return false;
  if (r.altitudeM < a.band.minM || r.altitudeM > a.band.maxM) return false;
  const b = a.bbox;
  if (r.lon < b.minX || r.lon > b.maxX || r.lat < b.minY || r.lat > b.maxY) return false;
  return inPolygon(r.lon, r.lat, a.area);
}

export type Exemption =
  | { readonly exempt: true; readonly flight: string }
  | {
      readonly exempt: false;
      readonly cause: 'no_exemption' | 'left_corridor';
      readonly flight: string | null;
    };

const NONE: Exemption = { exempt: false, cause: 'no_exemption', flight: null };

export function exemption(
  a: PreparedArea,
  r: TrackReport,
  flights: readonly FlightRecord[] | undefined,
  corridorM: number,
): Exemption {
  let verdict = NONE;
  for (const f of flights ?? []) {
    if (!f.acknowledged || f.category === null || !a.allowed.has(f.category)) continue;
    if (r.at < f.from || r.at > f.to) continue;
    const inBand = r.altitudeM >= f.band.minM && r.altitudeM <= f.band.maxM;
    if (inBand && inCorridor(r.lon, r.lat, f.route, corridorM)) return { exempt: true, flight: f.id };
    verdict = { exempt: false, cause: 'left_corridor', flight: f.id };
  }
  return verdict;
}
