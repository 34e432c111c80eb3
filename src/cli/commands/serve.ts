/**
 * `jig serve`: runs the jig server (API, live feed, web app, alert webhooks) over a SQLite database, until SIGINT
 * or SIGTERM, when it stops taking requests, waits for pending appends, signs a last checkpoint
 * and closes the database.
 */
import type { Command } from 'commander';
import { DEFAULT_DB, REFERENCE_AGREEMENT, startJig } from '../start.ts';

interface ServeOptions {
  readonly db?: string;
  readonly port: string;
  readonly host: string;
  readonly agreement: string;
  readonly witness: string[];
  readonly localWitnesses?: boolean;
  readonly cotPort?: string;
  readonly webhook: string[];
}

/** `JIG_WEBHOOKS`: URLs separated by commas or white space. */
export const envWebhooks = (v: string | undefined): string[] => (v ?? '').split(/[\s,]+/).filter(Boolean);

export function register(program: Command): void {
  program
    .command('serve')
    .description('run the jig server: HTTP API, live feed and web app over a SQLite or PostgreSQL ledger')
    .option(
      '--db <file|url>',
      `SQLite file or postgres:// URL of the ledger and the people (default: $JIG_DATABASE_URL, else ${DEFAULT_DB})`,
    )
    .option('--port <n>', 'TCP port', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--agreement <file>', 'agreement file (default: the reference agreement)', REFERENCE_AGREEMENT)
    .option(
      '--witness <vkey>',
      "a party's witness verifier key (repeat for each party)",
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option(
      '--webhook <url>',
      'POST every alert to this http(s) URL, with retries (repeat for several; also $JIG_WEBHOOKS, comma-separated)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--cot-port <n>', 'also take Cursor-on-Target XML (TAK) over TCP and UDP on this port')
    .option('--local-witnesses', 'cosign checkpoints with in-process witnesses (demo only, proves nothing)')
    .action(serve);
}

async function serve(options: ServeOptions): Promise<void> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`jig serve: --port ${options.port} is not a TCP port`);
    process.exitCode = 2;
    return;
  }
  const db = options.db ?? process.env['JIG_DATABASE_URL'] ?? DEFAULT_DB;
  const jig = await startJig({
    db,
    port,
    host: options.host,
    agreement: options.agreement,
    witnesses: options.witness,
    localWitnesses: options.localWitnesses === true,
    ...(options.cotPort !== undefined ? { cotPort: Number(options.cotPort) } : {}),
    webhooks: [...options.webhook, ...envWebhooks(process.env['JIG_WEBHOOKS'])],
    logger: { level: 'info' },
  });
  console.log(`jig serving ${jig.agreement.name} at ${jig.url} (ledger ${db.replace(/\/\/[^@/]*@/, '//')})`);
  const hooks = jig.webhooks?.delivery.urls.length ?? 0;
  if (hooks > 0) console.log(`jig: alerts go to ${hooks} webhook(s)`);
  await new Promise<void>((done) => {
    const stop = (signal: string) => {
      console.log(`jig: ${signal}: closing`);
      jig.close().then(done, (e: unknown) => {
        console.error('jig: closing failed', e);
        process.exitCode = 1;
        done();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
