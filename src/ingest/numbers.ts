/** Strict number parsing for text fields (CoT attributes): no hex, no blanks, no `Infinity`. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number a decimal string spells, or undefined when it is not a plain finite decimal. */
export function strictNumber(s: string | undefined): number | undefined {
  if (s === undefined || s.length > 40 || !DECIMAL.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** East, north and up metres per second from a course (degrees from true north) and speeds. */
export function fromCourse(speedMps: number, courseDeg: number, upMps = 0) {
  const c = (courseDeg * Math.PI) / 180;
  return { eastMps: speedMps * Math.sin(c), northMps: speedMps * Math.cos(c), upMps };
}
