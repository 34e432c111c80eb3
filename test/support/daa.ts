/**
 * A reader for DAIDALUS encounter files (`.daa` geodetic, `.xyz` local plane), as described in
 * ../shared/conformance/daidalus/SOURCE.md: `#` comments, optional `key = value` lines, a header
 * of column names, a line of units in brackets, then one row per aircraft per time step; the first
 * aircraft named is the ownship. Values are converted to SI (metres, m/s, seconds).
 */
import { FPM_MPS, FT_M, KNOT_MPS, NMI_M, type LonLat } from '../../src/geo/geodesy.ts';

export interface DaaAircraft {
  readonly id: string;
  /** Geodetic position (`.daa`), or undefined for `.xyz` files. */
  readonly position: LonLat | undefined;
  /** Local-plane east/north metres (`.xyz`), or undefined for `.daa` files. */
  readonly xy: readonly [number, number] | undefined;
  readonly altitudeM: number;
  readonly eastMps: number;
  readonly northMps: number;
  readonly verticalRateMps: number;
}

export interface DaaStep {
  readonly timeS: number;
  readonly ownship: DaaAircraft;
  readonly traffic: readonly DaaAircraft[];
}

const UNITS: Record<string, number> = {
  deg: 1,
  ft: FT_M,
  m: 1,
  nmi: NMI_M,
  nm: NMI_M,
  knot: KNOT_MPS,
  kn: KNOT_MPS,
  kts: KNOT_MPS,
  fpm: FPM_MPS,
  'ft/min': FPM_MPS,
  'm/s': 1,
  s: 1,
  none: 1,
  unitless: 1,
};

const split = (line: string): string[] =>
  line
    .trim()
    .split(/[\s,]+/)
    .filter((f) => f !== '');

function unitFactor(unit: string | undefined, column: string): number {
  const u = (unit ?? 'unitless').replace(/^\[|\]$/g, '').toLowerCase();
  const f = UNITS[u];
  if (f === undefined) throw new Error(`unknown unit "${u}" for column ${column}`);
  return f;
}

/** Parses a whole encounter file into time steps, in file order. */
export function parseDaa(text: string): DaaStep[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  const table = lines.filter((l) => !/^\s*[A-Za-z_][\w]*\s*=/.test(l));
  const [header, unitsLine, ...rows] = table;
  if (header === undefined || unitsLine === undefined) throw new Error('no header and units lines');
  const columns = split(header).map((c) => c.toLowerCase());
  const units = split(unitsLine);
  const col = (name: string): number => columns.indexOf(name);
  const read = (fields: string[], name: string): number => {
    const i = col(name);
    if (i < 0) return NaN;
    return Number(fields[i]) * (name === 'lat' || name === 'lon' ? 1 : unitFactor(units[i], name));
  };
  const polar = col('trk') >= 0;
  const geodetic = col('lat') >= 0;
  let ownId: string | undefined;
  const steps = new Map<number, { own?: DaaAircraft; traffic: DaaAircraft[] }>();
  for (const row of rows) {
    const f = split(row);
    const id = f[col('name')] ?? '';
    ownId ??= id;
    const gs = read(f, 'gs');
    const trk = (read(f, 'trk') * Math.PI) / 180;
    const aircraft: DaaAircraft = {
      id,
      position: geodetic ? [read(f, 'lon'), read(f, 'lat')] : undefined,
      xy: geodetic ? undefined : [read(f, 'sx'), read(f, 'sy')],
      altitudeM: geodetic ? read(f, 'alt') : read(f, 'sz'),
      eastMps: polar ? gs * Math.sin(trk) : read(f, 'vx'),
      northMps: polar ? gs * Math.cos(trk) : read(f, 'vy'),
      verticalRateMps: polar ? read(f, 'vs') : read(f, 'vz'),
    };
    const t = read(f, 'time');
    const step = steps.get(t) ?? { traffic: [] };
    if (id === ownId) step.own = aircraft;
    else step.traffic.push(aircraft);
    steps.set(t, step);
  }
  return [...steps].flatMap(([timeS, s]) => (s.own ? [{ timeS, ownship: s.own, traffic: s.traffic }] : []));
}
