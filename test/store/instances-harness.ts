/** Runs `pg-appender.ts` processes and collects what they acknowledged, for the multi-instance tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const CHILD = join(import.meta.dirname, 'pg-appender.ts');

export interface Ack {
  readonly seq: number;
  readonly hash: string;
  /** Epoch milliseconds (fractional) when `append` resolved in the child. */
  readonly at: number;
}

export interface Instance {
  readonly process: ChildProcess;
  readonly acks: Ack[];
  /** Resolves once the child printed `ready`. */
  readonly ready: Promise<void>;
  /** Resolves when the child ends: its exit code, or the signal that ended it. */
  readonly ended: Promise<number | NodeJS.Signals | null>;
  /** Resolves when `count` entries have been acknowledged. */
  acked(count: number): Promise<void>;
}

export function startInstance(
  url: string,
  args: { clients: number; appends: number; interval?: number },
): Instance {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      CHILD,
      ...['--url', url, '--clients', String(args.clients), '--appends', String(args.appends)],
      ...['--interval', String(args.interval ?? 0)],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const acks: Ack[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  let buffered = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? ''; // a line cut by a kill is not an acknowledgement
    for (const line of lines) {
      const [word, seq, hash, at] = line.split(' ');
      if (word === 'ready') onReady();
      if (word === 'ack' && seq && hash && at) acks.push({ seq: Number(seq), hash, at: Number(at) });
    }
    for (const w of waiting.filter((w) => acks.length >= w.count)) w.resolve();
  });
  const ended = new Promise<number | NodeJS.Signals | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(signal ?? code));
  });
  return {
    process: child,
    acks,
    ready,
    ended,
    acked: (count) =>
      acks.length >= count ? Promise.resolve() : new Promise((resolve) => waiting.push({ count, resolve })),
  };
}
