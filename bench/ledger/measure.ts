/** Timing, a seeded generator and the report line shared by the ledger benchmarks. */
export interface Figure {
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: string;
  /** value / baseline value, so that > 1 means faster than the baseline for rates. */
  readonly ratio?: number;
}

export function report(figure: Figure, json: boolean): void {
  if (json) console.log(JSON.stringify({ bench: 'ledger', ...figure }));
  else {
    const against = figure.baseline ? `  (${figure.ratio?.toFixed(2)}x ${figure.baseline})` : '';
    console.log(`${figure.metric.padEnd(34)} ${format(figure.value).padStart(12)} ${figure.unit}${against}`);
  }
}

const format = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en') : v.toPrecision(3));

/** Runs `fn` once and returns items per second. */
export async function rate(items: number, fn: () => unknown): Promise<number> {
  return items / (await seconds(fn));
}

/**
 * A figure and its baseline measured in alternation, `rounds` times each, after one warm-up of
 * both: on a shared machine the load changes within seconds, and alternating lets both see the
 * same load. Rates come from the summed times. `figure` gets the round number (0 is the warm-up).
 */
export async function alternate(
  rounds: number,
  figure: { items: number; run: (round: number) => unknown },
  baseline: { items: number; run: () => unknown },
): Promise<{ value: number; base: number }> {
  let [figureS, baseS] = [0, 0];
  for (let round = 0; round <= rounds; round++) {
    const b = await seconds(baseline.run);
    const f = await seconds(() => figure.run(round));
    if (round === 0) continue;
    baseS += b;
    figureS += f;
  }
  return { value: (figure.items * rounds) / figureS, base: (baseline.items * rounds) / baseS };
}

async function seconds(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Mulberry32, seeded: every run sees the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function seededBytes(random: () => number, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
}
