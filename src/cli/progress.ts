/**
 * Progress of a long job on stderr: a bar (cli-progress) when stderr is a terminal, plain
 * percentage lines every 10% otherwise (logs and pipes do not render carriage returns).
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/** Jobs smaller than this finish before a bar would be worth drawing. */
const MIN_TOTAL = 4 << 20;

export function progress(total: number, label: string, minTotal = MIN_TOTAL): Progress {
  if (total < minTotal) return { update: () => undefined, stop: () => undefined };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: `${label} [{bar}] {percentage}% | {eta}s left`, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  }
  let shown = -1;
  return {
    update: (done) => {
      const tenth = Math.floor((done / total) * 10);
      if (tenth > shown) {
        shown = tenth;
        process.stderr.write(`${label}: ${tenth * 10}%\n`);
      }
    },
    stop: () => undefined,
  };
}
