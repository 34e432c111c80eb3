/**
 * `jig serve` as a separate process, as an operator runs it: for the tests of several server
 * instances on one database. Resolves once the server prints the address it listens on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';

export interface ServerProcess {
  readonly url: string;
  readonly process: ChildProcess;
  /** Resolves when the process ends: its exit code, or the signal that ended it. */
  readonly ended: Promise<number | NodeJS.Signals | null>;
  /** What the process printed on stderr so far (for failure messages). */
  stderr(): string;
}

export function startServerProcess(options: {
  readonly db: string;
  /** Working directory: `./data/log.key` there is the log key (shared by the instances of a log). */
  readonly cwd: string;
  readonly args?: readonly string[];
}): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'bin', 'jig.mjs'), 'serve', '--db', options.db, '--port', '0', ...(options.args ?? [])],
    { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const ended = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.on('close', (code, signal) => resolve(signal ?? code)),
  );
  return new Promise((resolve, reject) => {
    let out: string | undefined = '';
    // Read to the end (a full pipe would stall the server), looking only for the first address.
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (out === undefined) return;
      out += chunk;
      const url = /jig serving .* at (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        out = undefined;
        resolve({ url, process: child, ended, stderr: () => err });
      }
    });
    void ended.then((code) =>
      reject(new Error(`jig serve ended (${String(code)}) before listening:\n${err}`)),
    );
  });
}
