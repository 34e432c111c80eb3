/**
 * `startJig`: a whole jig server in one call — the SQLite ledger, the people directory on the same
 * database file, the agreement, the log key, the service (which replays the ledger), optionally
 * the in-process stand-in witnesses, the live air picture with its alert webhooks, the HTTP API and
 * the web app. `jig serve`, the demo, the
 * benchmarks and the end-to-end tests all start it this way.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { FastifyServerOptions } from 'fastify';
import { JigError, partyId, systemClock, type Clock } from '../core/index.ts';
import { generateSigningKey, privateKeyFromPem, privateKeyToPem } from '../ledger/index.ts';
import { formatIssue, parseAgreementYaml, type Agreement } from '../policy/index.ts';
import { buildServer } from '../server/app.ts';
import { registerWebApp } from '../server/static.ts';
import {
  localWitnessKeys,
  openJigService,
  startLocalWitnesses,
  type LocalWitness,
  type OpenJigService,
} from '../service/index.ts';
import type { PeopleDirectory } from '../service/types.ts';
import { isPostgresUrl, openStore } from '../store/index.ts';
import type { LedgerStore } from '../store/types.ts';
import type { Principal } from '../store/people.ts';
import { startLiveAirPicture, type LiveAirPicture } from '../ingest/live.ts';
import { listenCotTcp, listenCotUdp } from '../ingest/cotServer.ts';
import {
  startAlertWebhooks,
  type AlertWebhookOptions,
  type AlertWebhooks,
} from '../ingest/alert-webhooks.ts';
import { parseWebhookUrls } from '../ingest/webhooks.ts';
import { createPeopleDirectory, type DirectoryOptions } from '../store/people-directory.ts';

export const DEFAULT_DB = join('data', 'jig.db');
export const REFERENCE_AGREEMENT = resolve(import.meta.dirname, '..', '..', 'agreements', 'jig-2016.yaml');

export interface StartOptions {
  /** SQLite database of the ledger and the people (default `./data/jig.db`). */
  readonly db?: string;
  readonly port?: number;
  readonly host?: string;
  /** Agreement file (default: the reference agreement). */
  readonly agreement?: string;
  /** The log key's PEM file, created at first start (default `log.key` beside the database). */
  readonly logKeyFile?: string;
  /** Run every party's witness in this process (demo and tests only; see witness-local.ts). */
  readonly localWitnesses?: boolean;
  /** Parties' witness verifier keys, when they run their own (`jig witness init` prints one). */
  readonly witnesses?: readonly string[];
  /** Serve the web app at `/` (default true). */
  readonly web?: boolean;
  readonly clock?: Clock;
  readonly logger?: FastifyServerOptions['logger'];
  /** People directory settings (tests use cheap password hashing). */
  readonly directory?: DirectoryOptions;
  /** Run the live air picture: the monitor records incursions and separation risks (default true). */
  readonly airPicture?: boolean;
  /** Cursor-on-Target (TAK plain XML) listeners feeding the air picture, TCP and UDP on this port. */
  readonly cotPort?: number;
  /**
   * URLs every alert is POSTed to (incursions, safety of flight, conflicts of filed routes), with
   * retries; refused at start unless http(s).
   */
  readonly webhooks?: readonly string[];
  /** Retry delays and attempts of the webhooks (tests shorten them). */
  readonly webhookTuning?: AlertWebhookOptions['tuning'];
}

export interface RunningJig {
  readonly url: string;
  readonly service: OpenJigService;
  readonly people: PeopleDirectory;
  readonly agreement: Agreement;
  readonly store: LedgerStore;
  /** The live air picture's ingest pipeline (absent when `airPicture` is false). */
  readonly air?: LiveAirPicture;
  /** Alert delivery to the configured webhooks, with its counters (absent when none is). */
  readonly webhooks?: AlertWebhooks;
  /** Stops listening, waits for pending commands, signs a last checkpoint, closes the database. */
  close(): Promise<void>;
}

export function loadAgreement(file: string): Agreement {
  const parsed = parseAgreementYaml(readFileSync(file, 'utf8'));
  if (!parsed.ok)
    throw new JigError('INVALID_POLICY', `${file} is not a valid agreement`, {
      issues: parsed.error.map((i) => ({ pointer: i.pointer, reason: formatIssue(i) })),
    });
  return parsed.value;
}

/** Reads a PEM key, creating it (owner-only) when the file does not exist yet. */
export function keyFile(file: string): KeyObject {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, privateKeyToPem(generateSigningKey()), { mode: 0o600 });
  }
  const key = privateKeyFromPem(readFileSync(file, 'utf8'));
  if (key === undefined) throw new JigError('INVALID_INPUT', `${file} holds no Ed25519 private key`);
  return key;
}

export async function startJig(options: StartOptions = {}): Promise<RunningJig> {
  const webhookUrls = parseWebhookUrls(options.webhooks ?? []);
  const db = options.db ?? process.env['JIG_DATABASE_URL'] ?? DEFAULT_DB;
  const postgres = isPostgresUrl(db);
  // Keys and local state live beside a SQLite file, or under ./data for PostgreSQL.
  const home = postgres ? dirname(DEFAULT_DB) : dirname(db);
  mkdirSync(home, { recursive: true });
  const clock = options.clock ?? systemClock;
  const agreement = loadAgreement(options.agreement ?? REFERENCE_AGREEMENT);
  const logKey = keyFile(options.logKeyFile ?? join(home, 'log.key'));
  // SQLite file or PostgreSQL URL; the people directory lives in the same database, so sessions and
  // tokens survive a restart with the ledger.
  const store = await openStore(db, { clock });
  const people = createPeopleDirectory(store.people, { clock, ...options.directory });
  const origin = `jig.example/${agreement.id}`;
  const local: LocalWitness[] = options.localWitnesses
    ? agreement.parties.map((p) => ({
        party: partyId(p.id),
        key: keyFile(join(home, `witness-${p.id}.key`)),
      }))
    : [];
  const witnesses = [...(options.witnesses ?? []), ...localWitnessKeys(local, origin)];
  let service: OpenJigService | undefined;
  let hooks: AlertWebhooks | undefined;
  try {
    const airPicture = options.airPicture === false ? undefined : await airPicturePrincipal(people);
    service = await openJigService({
      store,
      people,
      agreement,
      clock,
      logKey,
      origin,
      witnesses,
      airPicture,
      notifier: store,
      ...(store.pictures ? { pictures: store.pictures } : {}),
    });
    const air = airPicture ? startLiveAirPicture(service, { clock }) : undefined;
    hooks =
      webhookUrls.length === 0
        ? undefined
        : await startAlertWebhooks({
            urls: webhookUrls,
            service,
            viewer: airPicture ?? (await airPicturePrincipal(people)),
            fromIndex: await store.size(),
            ...(air ? { pipeline: air.pipeline } : {}),
            ...(options.webhookTuning ? { tuning: options.webhookTuning } : {}),
          });
    if (local.length > 0) startLocalWitnesses({ service, logKey, witnesses: local });
    const plugins = options.web === false ? [] : [registerWebApp];
    const app = await buildServer({
      service,
      people,
      policy: agreement,
      logger: options.logger,
      plugins,
      ...(air ? { tracks: air.pipeline } : {}),
      ...(hooks ? { webhooks: hooks.delivery } : {}),
    });
    const url = await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
    const cot =
      air && options.cotPort !== undefined
        ? [
            await listenCotTcp(air.pipeline, { host: options.host ?? '127.0.0.1', port: options.cotPort }),
            await listenCotUdp(air.pipeline, { host: options.host ?? '127.0.0.1', port: options.cotPort }),
          ]
        : [];
    const opened = service;
    let closing: Promise<void> | undefined;
    return {
      url,
      service: opened,
      people,
      agreement,
      store,
      ...(air ? { air } : {}),
      ...(hooks ? { webhooks: hooks } : {}),
      close: () =>
        (closing ??= (async () => {
          air?.stop();
          hooks?.stop();
          for (const listener of cot) listener.close();
          await app.close();
          await opened.close();
          await store.close();
        })()),
    };
  } catch (e) {
    hooks?.stop();
    await service?.close();
    await store.close();
    throw e;
  }
}

/** The joint center's air picture records its alerts as a person of its own, with the monitor role. */
export const AIR_PICTURE = 'air-picture';

async function airPicturePrincipal(people: PeopleDirectory): Promise<Principal> {
  const person = (await people.find(AIR_PICTURE)) ?? (await addAirPicture(people));
  return { person: person.person, name: person.name, party: person.party, role: person.role };
}

/** Adds the air-picture person; another instance starting at the same moment may win the race. */
async function addAirPicture(people: PeopleDirectory) {
  try {
    return (await people.add({ name: AIR_PICTURE, party: partyId('JOINT'), role: 'monitor' })).person;
  } catch (e) {
    const added = await people.find(AIR_PICTURE);
    if (added === undefined) throw e;
    return added;
  }
}
