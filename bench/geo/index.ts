// The geo benchmark group. Each part exports run({json, args}).
import { run as deconflict } from './deconflict.ts';

export function run(opts: { json: boolean; args: string[] }): Promise<void> {
  deconflict(opts);
  return Promise.resolve();
}
