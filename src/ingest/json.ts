/**
 * Track reports as JSON (`POST /api/v1/tracks` and the WebSocket stream):
 *
 *     { "reports": [ { "aircraft": "SYAF-101", "actor": "SY-AF", "time": "2016-07-20T12:00:00Z",
 *                      "position": [36.63, 35.93, 3000],
 *                      "velocity": { "speedMps": 200, "courseDeg": 90, "climbMps": 0 } } ] }
 *
 * A bare array of reports is accepted too. Hand-written rather than Zod: it runs on every report of
 * the hot path. Every field is attacker-controlled; every invalid one is reported with its pointer,
 * and a batch with any invalid report is refused whole (a client resends it corrected).
 */
import { err, ok, parseRfc3339, type FieldIssue, type Result } from '../core/index.ts';
import type { TrackReport } from '../rules/index.ts';
import { fromCourse } from './numbers.ts';

export const MAX_BATCH = 10_000;
const ID = /^[\x21-\x7e]{1,128}$/;
const ACTOR = /^[A-Z][A-Z0-9_-]{0,31}$/;
const KEYS = new Set(['aircraft', 'actor', 'time', 'position', 'velocity']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

function velocity(v: unknown, at: string, issues: FieldIssue[]): TrackReport['velocity'] {
  if (v === undefined) return null;
  if (!isObject(v)) return (issues.push({ pointer: at, reason: 'expected an object' }), null);
  const { speedMps, courseDeg, climbMps } = v;
  if (!num(speedMps, 0, 2000)) issues.push({ pointer: `${at}/speedMps`, reason: 'expected 0..2000' });
  if (!num(courseDeg, 0, 360)) issues.push({ pointer: `${at}/courseDeg`, reason: 'expected 0..360' });
  if (climbMps !== undefined && !num(climbMps, -500, 500))
    issues.push({ pointer: `${at}/climbMps`, reason: 'expected -500..500' });
  if (!num(speedMps, 0, 2000) || !num(courseDeg, 0, 360)) return null;
  return fromCourse(speedMps, courseDeg, typeof climbMps === 'number' ? climbMps : 0);
}

function report(raw: unknown, at: string, source: string, issues: FieldIssue[]): TrackReport | null {
  if (!isObject(raw)) return (issues.push({ pointer: at, reason: 'expected an object' }), null);
  const before = issues.length;
  for (const k of Object.keys(raw))
    if (!KEYS.has(k)) issues.push({ pointer: `${at}/${k}`, reason: 'unknown field' });
  const { aircraft, actor, time, position } = raw;
  if (typeof aircraft !== 'string' || !ID.test(aircraft))
    issues.push({ pointer: `${at}/aircraft`, reason: 'expected 1-128 printable characters' });
  if (actor !== undefined && (typeof actor !== 'string' || !ACTOR.test(actor)))
    issues.push({ pointer: `${at}/actor`, reason: 'expected an upper-case code like "SY-AF"' });
  const t = typeof time === 'string' ? parseRfc3339(time) : undefined;
  if (t === undefined)
    issues.push({ pointer: `${at}/time`, reason: 'expected an RFC 3339 time with a zone' });
  const p = Array.isArray(position) ? (position as unknown[]) : [];
  const good = p.length === 3 && num(p[0], -180, 180) && num(p[1], -90, 90) && num(p[2], -500, 30_000);
  if (!good) issues.push({ pointer: `${at}/position`, reason: 'expected [lon, lat, altitude metres]' });
  const v = velocity(raw.velocity, `${at}/velocity`, issues);
  if (issues.length > before) return null;
  return {
    aircraft: aircraft as string,
    actor: (actor as string | undefined) ?? null,
    at: t!,
    lon: p[0] as number,
    lat: p[1] as number,
    altitudeM: p[2] as number,
    velocity: v,
    source,
  };
}

export function parseTrackBatch(raw: unknown, source: string): Result<TrackReport[], readonly FieldIssue[]> {
  const list = Array.isArray(raw) ? raw : isObject(raw) ? raw.reports : undefined;
  const prefix = Array.isArray(raw) ? '' : '/reports';
  if (!Array.isArray(list)) return err([{ pointer: '/reports', reason: 'expected an array of reports' }]);
  if (list.length > MAX_BATCH)
    return err([{ pointer: prefix, reason: `at most ${MAX_BATCH} reports a batch` }]);
  const issues: FieldIssue[] = [];
  const out: TrackReport[] = [];
  for (let i = 0; i < list.length; i++) {
    const r = report(list[i], `${prefix}/${i}`, source, issues);
    if (r) out.push(r);
  }
  return issues.length > 0 ? err(issues) : ok(out);
}
