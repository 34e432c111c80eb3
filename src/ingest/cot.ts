/**
 * Cursor-on-Target events, parsed defensively. CoT arrives from any TAK client on the network, so
 * before the XML parser sees a byte: the size is bounded, DOCTYPE and ENTITY declarations are
 * refused (no entity expansion, no external entities), nesting depth is bounded, and the text must
 * be well-formed. Values are never coerced: a uid `00123` stays the string `00123`; numbers are
 * parsed with `strictNumber`.
 *
 * TAK practice is followed where it departs from the schema and does no harm: `how` may be
 * missing, and `hae`/`ce`/`le` may be `NaN` (unknown). A position report without a known altitude
 * cannot be checked against altitude bands, so it does not become a track report.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { err, ok, parseRfc3339, type FieldIssue, type Result } from '../core/index.ts';
import type { TrackReport } from '../rules/index.ts';
import { fromCourse, strictNumber } from './numbers.ts';

export interface CotLimits {
  /** Largest accepted event, bytes (UTF-16 code units, near enough). */
  readonly maxEventBytes: number;
  /** Deepest accepted element nesting. */
  readonly maxDepth: number;
}
export const DEFAULT_COT_LIMITS: CotLimits = { maxEventBytes: 64 * 1024, maxDepth: 32 };

export interface CotEvent {
  readonly uid: string;
  readonly type: string;
  readonly how: string | null;
  readonly time: number;
  readonly start: number;
  readonly stale: number;
  readonly point: {
    readonly lat: number;
    readonly lon: number;
    readonly hae: number | null;
    readonly ce: number | null;
    readonly le: number | null;
  };
  readonly callsign: string | null;
  readonly remarks: string | null;
  readonly track: { readonly course: number | null; readonly speed: number | null } | null;
  /** The actor jig's own senders name in `<__jig actor="SY-AF"/>`. */
  readonly actor: string | null;
}

/** Why an event was refused: `hostile` ones close the connection that sent them. */
export type CotRefusal = { readonly kind: 'hostile' | 'invalid'; readonly issues: readonly FieldIssue[] };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: DEFAULT_COT_LIMITS.maxDepth,
});

const HOSTILE = /<!DOCTYPE|<!ENTITY|<!\[CDATA\[.*<!ENTITY/i;
const UNKNOWN = 9_999_999;

/** Nesting depth, counted without parsing (so that a deep document never reaches the parser). */
function depthExceeds(xml: string, max: number): boolean {
  let depth = 0;
  for (let i = xml.indexOf('<'); i !== -1; i = xml.indexOf('<', i + 1)) {
    const next = xml.charCodeAt(i + 1);
    if (next === 47 /* / */) depth--;
    else if (next !== 33 /* ! */ && next !== 63 /* ? */) {
      const close = xml.indexOf('>', i);
      if (close === -1 || xml.charCodeAt(close - 1) !== 47) depth++;
      if (depth > max) return true;
    }
  }
  return false;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
/** Character references the parser leaves alone (`&#10;`), decoded here. */
const decodeRefs = (s: string): string =>
  s.replace(
    /&#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}));/g,
    (m, hex: string | undefined, dec: string | undefined) => {
      const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
      return code <= 0x10ffff ? String.fromCodePoint(code) : m;
    },
  );
const unknownable = (s: string | undefined): number | null => {
  const n = strictNumber(s);
  return n === undefined || n === UNKNOWN ? null : n;
};

function screen(xml: string, limits: CotLimits): CotRefusal | null {
  const hostile = (reason: string): CotRefusal => ({ kind: 'hostile', issues: [{ pointer: '', reason }] });
  if (xml.length > limits.maxEventBytes) return hostile(`event larger than ${limits.maxEventBytes} bytes`);
  if (HOSTILE.test(xml)) return hostile('DOCTYPE and ENTITY declarations are refused');
  if (depthExceeds(xml, limits.maxDepth)) return hostile(`nesting deeper than ${limits.maxDepth}`);
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    return { kind: 'invalid', issues: [{ pointer: '', reason: `not well-formed XML: ${valid.err.msg}` }] };
  return null;
}

function fields(ev: Record<string, unknown>): Result<CotEvent, readonly FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const need = (k: string): string => {
    const v = text(ev[k]);
    if (v === undefined || v.length === 0 || v.length > 256)
      issues.push({ pointer: `/event/@${k}`, reason: 'required' });
    return v ?? '';
  };
  const when = (k: string): number => {
    const t = parseRfc3339(need(k));
    if (t === undefined && text(ev[k]) !== undefined)
      issues.push({ pointer: `/event/@${k}`, reason: 'expected an RFC 3339 time' });
    return t ?? 0;
  };
  const [uid, type, time, start, stale] = [
    need('uid'),
    need('type'),
    when('time'),
    when('start'),
    when('stale'),
  ];
  const point = obj(ev.point);
  const lat = strictNumber(text(point?.lat));
  const lon = strictNumber(text(point?.lon));
  if (point === undefined) issues.push({ pointer: '/event/point', reason: 'required' });
  else if (lat === undefined || Math.abs(lat) > 90)
    issues.push({ pointer: '/event/point/@lat', reason: 'expected -90..90' });
  else if (lon === undefined || Math.abs(lon) > 180)
    issues.push({ pointer: '/event/point/@lon', reason: 'expected -180..180' });
  if (issues.length > 0) return err(issues);
  const detail = obj(ev.detail);
  const track = obj(detail?.track);
  const contact = text(obj(detail?.contact)?.callsign);
  const remarks = detail?.remarks;
  const remarksText = text(remarks) ?? text(obj(remarks)?.['#text']);
  const actor = text(obj(detail?.__jig)?.actor);
  return ok({
    uid,
    type,
    how: text(ev.how) ?? null,
    time,
    start,
    stale,
    point: {
      lat: lat!,
      lon: lon!,
      hae: unknownable(text(point?.hae)),
      ce: unknownable(text(point?.ce)),
      le: unknownable(text(point?.le)),
    },
    callsign: contact === undefined ? null : decodeRefs(contact),
    remarks: remarksText === undefined ? null : decodeRefs(remarksText),
    track: track
      ? { course: strictNumber(text(track.course)) ?? null, speed: strictNumber(text(track.speed)) ?? null }
      : null,
    actor: actor !== undefined && /^[A-Z][A-Z0-9_-]{0,31}$/.test(actor) ? actor : null,
  });
}

/** Parses one `<event>` document. */
export function parseCotEvent(
  xml: string,
  limits: CotLimits = DEFAULT_COT_LIMITS,
): Result<CotEvent, CotRefusal> {
  const refused = screen(xml, limits);
  if (refused) return err(refused);
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch (e) {
    return err({
      kind: 'invalid',
      issues: [{ pointer: '', reason: `not parseable: ${(e as Error).message}` }],
    });
  }
  const ev = obj(obj(doc)?.event);
  if (!ev)
    return err({ kind: 'invalid', issues: [{ pointer: '/event', reason: 'expected one <event> element' }] });
  const parsed = fields(ev);
  return parsed.ok ? parsed : err({ kind: 'invalid', issues: parsed.error });
}

/**
 * The track report a CoT event makes: atoms (`a-…`) with a known altitude. Other events (chat,
 * drawings, routes) are not positions of aircraft; they are refused as `not_a_track`.
 */
export function cotTrackReport(ev: CotEvent, source: string): Result<TrackReport, string> {
  if (!ev.type.startsWith('a-')) return err('not_a_track');
  if (ev.point.hae === null) return err('unknown_altitude');
  const { course, speed } = ev.track ?? { course: null, speed: null };
  return ok({
    aircraft: ev.uid,
    actor: ev.actor,
    at: ev.time,
    lon: ev.point.lon,
    lat: ev.point.lat,
    altitudeM: ev.point.hae,
    velocity: course !== null && speed !== null ? fromCourse(speed, course) : null,
    source,
  });
}
