/**
 * Ceasefire-violation figures as the API serves them: by week, governorate, designated area, kind,
 * alleged perpetrator and status, computed by the rules' `violationFigures` over the violations a
 * view holds. Governorates are assigned by their capitals (the nearest capital, or the one whose
 * governorate contains the report when polygons are given): points standing for regions.
 */
import type { PartyId } from '../core/index.ts';
import { figureInputs, violationFigures, type ViolationFigures } from '../rules/index.ts';
import type { ViewSource } from './views-source.ts';

type Pos = [number, number];
const point = (coordinates: Pos) => ({ type: 'Point' as const, coordinates });

/** Syria's governorates by their capitals, `[lon, lat]`. */
const GOVERNORATES: readonly [string, Pos][] = [
  ['Aleppo', [37.16, 36.2]],
  ['Idlib', [36.63, 35.93]],
  ['Hama', [36.75, 35.13]],
  ['Homs', [36.72, 34.73]],
  ['Damascus', [36.29, 33.51]],
  ['Rif Dimashq', [36.4, 33.57]],
  ['Daraa', [36.1, 32.62]],
  ['Quneitra', [35.82, 33.13]],
  ['As-Suwayda', [36.57, 32.71]],
  ['Latakia', [35.78, 35.52]],
  ['Tartus', [35.89, 34.89]],
  ['Raqqa', [39.01, 35.95]],
  ['Deir ez-Zor', [40.14, 35.33]],
  ['Al-Hasakah', [40.75, 36.5]],
];

export function figuresOf(src: ViewSource, parties: readonly PartyId[]): ViolationFigures {
  const areas = [...src.state.airspace.areas.values()]
    .filter((a) => a.withdrawnAt === null)
    .map((a) => ({ name: a.name, geometry: a.area as never }));
  const governorates = GOVERNORATES.map(([name, p]) => ({ name, geometry: point(p) as never }));
  return violationFigures(figureInputs(src.state.violations, parties), { areas, governorates });
}
