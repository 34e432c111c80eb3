/** Text of a scalar from the network; objects and arrays become '' rather than `[object Object]`. */
export function str(...candidates: unknown[]): string {
  for (const v of candidates) {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  }
  return '';
}
