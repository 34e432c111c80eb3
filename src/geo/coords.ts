/**
 * Coordinates as people type and read them: decimal degrees, degrees-minutes-seconds and MGRS.
 * Two bare numbers are read latitude first ("36.2, 37.15"), as on maps and in speech; GeoJSON's
 * longitude-first order is for the wire only. Hemisphere letters (N/S/E/W) settle the order
 * whichever way round they come. MGRS is converted by the `mgrs` package (WGS 84).
 */
import mgrs from 'mgrs';
import { err, ok, type Result } from '../core/index.ts';
import { wrapLon } from './distance.ts';
import { lonLat, type LonLat } from './types.ts';

const MGRS = /^(\d{1,2})\s*([C-HJ-NP-X])\s*([A-HJ-NP-Z]{2})\s*(\d*)\s*(\d*)$/;

const fail = (reason: string) => err([{ pointer: '', reason }]);

/** Parses one coordinate pair typed by a person; the reason says what to fix. */
export function parseCoordinate(text: string): Result<LonLat> {
  const t = text.trim().toUpperCase();
  if (t === '') return fail('empty coordinate');
  if (MGRS.test(t)) return parseMgrs(t);
  const parts = splitPair(t);
  if (typeof parts === 'string') return fail(parts);
  const a = readAngle(parts[0]);
  const b = readAngle(parts[1]);
  if (typeof a === 'string') return fail(a);
  if (typeof b === 'string') return fail(b);
  const [lat, lon] = a.axis === 'lon' || b.axis === 'lat' ? [b, a] : [a, b];
  if (lat.axis === 'lon' || lon.axis === 'lat') return fail('both values name the same axis (N/S or E/W)');
  if (Math.abs(lat.value) > 90) return fail(`latitude ${lat.value} is outside [-90, 90]`);
  if (Math.abs(lon.value) > 180) return fail(`longitude ${lon.value} is outside [-180, 180]`);
  return ok(lonLat(lon.value, lat.value));
}

/** Parses an MGRS reference (spaces allowed) to the centre of the square it names. */
export function parseMgrs(text: string): Result<LonLat> {
  const m = MGRS.exec(text.trim().toUpperCase());
  if (!m) return fail(`"${text}" is not an MGRS reference (e.g. 37SCA3367707717)`);
  const digits = (m[4] ?? '') + (m[5] ?? '');
  if (digits.length % 2 !== 0 || digits.length > 10)
    return fail('an MGRS reference needs an even number of digits (easting then northing), at most 10');
  try {
    const [lon, lat] = mgrs.toPoint(`${m[1]}${m[2]}${m[3]}${digits}`);
    if (!Number.isFinite(lon) || !Number.isFinite(lat))
      return fail(`MGRS reference "${text}" does not convert`);
    // The centre of a square at the edge of zone 1 or 60 may fall a hair past ±180.
    return ok(lonLat(wrapLon(lon), lat));
  } catch (e) {
    return fail(`MGRS reference "${text}" is invalid: ${(e as Error).message}`);
  }
}

type Angle = { value: number; axis: 'lat' | 'lon' | undefined };

function splitPair(t: string): [string, string] | string {
  const bySep = t.split(/[,;]/);
  if (bySep.length === 2) return [bySep[0]!, bySep[1]!];
  if (bySep.length > 2) return 'expected two values separated by one comma';
  const trailing = /^(.*?[0-9.]\s*["″']?\s*[NSEW])\s+(.+)$/.exec(t);
  if (trailing && /\d/.test(trailing[2]!)) return [trailing[1]!, trailing[2]!];
  const leading = /^([NSEW].*?)\s+([NSEW].*)$/.exec(t);
  if (leading) return [leading[1]!, leading[2]!];
  const nums = t.split(/[\s°'"′″]+/).filter((s) => s !== '');
  if (nums.length % 2 === 0 && nums.length >= 2 && nums.length <= 6) {
    const h = nums.length / 2;
    return [nums.slice(0, h).join(' '), nums.slice(h).join(' ')];
  }
  return 'expected a latitude and a longitude, e.g. "36.2, 37.15", "36°12\'30"N 37°09\'10"E" or an MGRS reference';
}

function readAngle(s: string): Angle | string {
  let t = s.trim();
  let sign = 1;
  let axis: Angle['axis'];
  const lead = /^([NSEW])\s*(.*)$/.exec(t);
  const trail = lead ? undefined : /^(.*?)\s*([NSEW])$/.exec(t);
  const letter = lead?.[1] ?? trail?.[2];
  if (letter !== undefined) {
    t = (lead?.[2] ?? trail?.[1] ?? '').trim();
    axis = letter === 'N' || letter === 'S' ? 'lat' : 'lon';
    sign = letter === 'S' || letter === 'W' ? -1 : 1;
  }
  if (t.startsWith('-') || t.startsWith('+')) {
    if (letter !== undefined && t.startsWith('-'))
      return `"${s.trim()}" has both a minus sign and a hemisphere letter`;
    if (t.startsWith('-')) sign = -sign;
    t = t.slice(1);
  }
  const parts = t.split(/\s*[°'"′″]\s*|\s+/).filter((p) => p !== '');
  if (parts.length === 0 || parts.length > 3)
    return `"${s.trim()}" is not degrees, degrees-minutes or degrees-minutes-seconds`;
  if (!parts.every((p) => /^\d+(\.\d+)?$/.test(p)))
    return `"${s.trim()}" contains something other than numbers and °'" marks`;
  const [d, m = 0, sec = 0] = parts.map(Number) as [number, number?, number?];
  if (parts.slice(0, -1).some((p) => p.includes('.')))
    return `"${s.trim()}": only the last component may have decimals`;
  if (m >= 60 || sec >= 60) return `"${s.trim()}": minutes and seconds must be below 60`;
  return { value: sign * (d + m / 60 + sec / 3600), axis };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** `36.200000, 37.150000` (latitude first, as people read it). */
export function formatDecimal(p: LonLat, digits = 6): string {
  return `${p[1].toFixed(digits)}, ${p[0].toFixed(digits)}`;
}

function dms(v: number, pos: string, neg: string, degWidth: number, secDigits: number): string {
  const scale = 10 ** secDigits;
  let total = Math.round(Math.abs(v) * 3600 * scale);
  const sec = (total % (60 * scale)) / scale;
  total = Math.floor(total / (60 * scale));
  const hemi = v < 0 ? neg : pos;
  const secText = sec.toFixed(secDigits).padStart(secDigits > 0 ? 3 + secDigits : 2, '0');
  return `${pad(Math.floor(total / 60), degWidth)}°${pad(total % 60, 2)}'${secText}"${hemi}`;
}

/** `36°12'30.0"N 037°09'10.0"E`. */
export function formatDms(p: LonLat, secDigits = 1): string {
  return `${dms(p[1], 'N', 'S', 2, secDigits)} ${dms(p[0], 'E', 'W', 3, secDigits)}`;
}

/** MGRS at the given precision: 5 digits per axis is 1 m, 4 is 10 m, ... 1 is 10 km. */
export function formatMgrs(p: LonLat, digits = 5): string {
  if (Math.abs(p[1]) > 84 || p[1] < -80)
    throw new RangeError('MGRS covers latitudes 80°S to 84°N (UPS is not supported)');
  // mgrs takes the zone as floor((lon + 180) / 6) + 1, which gives a nonexistent zone 61 when
  // lon + 180 rounds to 360; the antimeridian is the same line as -180, in zone 1.
  const lon = p[0] + 180 >= 360 ? -180 : p[0];
  return mgrs.forward([lon, p[1]], digits);
}
