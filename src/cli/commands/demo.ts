/**
 * `jig demo` (what `npm start` runs): the reference scenario of July 2016, alive. See
 * src/cli/demo/run.ts.
 */
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { runDemo } from '../demo/run.ts';

const positive = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive number`);
  return n;
};
const integer = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number`);
  return n;
};

export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'run the joint center of July 2016 as an exercise: server, reference agreement, seeded scenario, live air picture',
    )
    .option('--port <n>', 'HTTP port', integer('--port'), 8080)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--db <file>', 'SQLite database', join('data', 'jig.db'))
    .option('--speed <x>', 'scenario time runs this many times faster than real time', positive('--speed'), 1)
    .option('--seed <n>', 'seed of the simulated air picture and events', integer('--seed'), 2016)
    .option('--reset', 'delete the demo data and start over', false)
    .action(
      async (o: { port: number; host: string; db: string; speed: number; seed: number; reset: boolean }) => {
        const demo = await runDemo(o);
        await new Promise<void>((resolve) => {
          const stop = () => void demo.stop().then(resolve);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      },
    );
}
