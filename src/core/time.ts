/**
 * Time as data. Rules receive `now` as an argument; the only reader of the system clock is
 * `systemClock`, used by adapters at the rim.
 */
import { epochMs, type EpochMs } from './ids.ts';

export interface Clock {
  now(): EpochMs;
}

export const systemClock: Clock = { now: () => epochMs(Date.now()) };

/** A clock for tests and replays that only moves when told. */
export function fixedClock(start: number): Clock & { advance(ms: number): void; set(ms: number): void } {
  let t = start;
  return {
    now: () => epochMs(t),
    advance: (ms) => {
      t += ms;
    },
    set: (ms) => {
      t = ms;
    },
  };
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 timestamp strictly (a time zone is required); undefined when invalid. */
export function parseRfc3339(s: string): EpochMs | undefined {
  if (!RFC3339.test(s)) return undefined;
  const t = Date.parse(s);
  return Number.isFinite(t) ? epochMs(t) : undefined;
}

/** Formats as RFC 3339 UTC with millisecond precision, e.g. `2016-07-31T14:00:00.000Z`. */
export function toRfc3339(t: number): string {
  return new Date(t).toISOString();
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** Military date-time group in UTC ("Zulu"), e.g. `311400ZJUL16`. */
export function toDtg(t: number): string {
  const d = new Date(t);
  const pad = (n: number) => String(n).padStart(2, '0');
  const month = MONTHS[d.getUTCMonth()] ?? '???';
  return `${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}Z${month}${pad(d.getUTCFullYear() % 100)}`;
}
