/**
 * `openJigService`: the real `JigService`. At open it replays the ledger into the rules' state; each
 * command then runs the one-way pipeline, one at a time:
 *
 *     authorize -> decide (rules) -> sign -> append (with projections, one transaction) -> evolve -> publish
 *
 * The state changes only after the append has committed, so what is served and published is
 * always what the ledger holds.
 */
import type { KeyObject } from 'node:crypto';
import { JigError, recordId, type Clock, type EpochMs } from '../core/index.ts';
import { toHex } from '../ledger/index.ts';
import type { Agreement } from '../policy/index.ts';
import {
  decide,
  initialState,
  parseCommand,
  replay,
  viewEvent,
  wasParsed,
  type RootState,
  type RulesEvent,
} from '../rules/index.ts';
import type { PeopleDirectory, Principal } from '../store/people.ts';
import { transitionCommand, type Command as RulesCommand, type Transition } from '../rules/index.ts';
import { LiveAirspace } from './airspace-live.ts';
import { figuresOf } from './figures.ts';
import type { ViolationFigures } from '../rules/index.ts';
import type { LedgerStore } from '../store/types.ts';
import { Checkpointer, type CheckpointListener } from './checkpoints.ts';
import { officeKeys, personKeys, pooledRandom, prepareEntries, type Random } from './entries.ts';
import { Feed } from './feed.ts';
import { indexRecords, readHistory, type Logged, type RecordIndex } from './history.ts';
import { ledgerViews } from './ledger-views.ts';
import type { AsOf, Collection, Command, Executed, JigService, RecordView } from './types.ts';
import { findView, getView, listViews } from './views.ts';
import type { ViewSource } from './views-source.ts';

export interface JigServiceOptions {
  readonly store: LedgerStore;
  readonly people: PeopleDirectory;
  readonly agreement: Agreement;
  readonly clock: Clock;
  /** The log's Ed25519 key: signs checkpoints. */
  readonly logKey: KeyObject;
  /** Randomness for record ids and commitment salts (crypto.randomBytes, pooled, by default). */
  readonly random?: Random;
  /** The log's name in checkpoints; `jig.example/<agreement id>` by default. */
  readonly origin?: string;
  /** Every party's witness (cosigner) verifier key, when the parties run witnesses. */
  readonly witnesses?: readonly string[];
  /** The principal that records the air picture's transitions (a person with the `monitor` role). */
  readonly airPicture?: Principal;
}

export interface OpenJigService extends JigService {
  /** Signs a checkpoint now if the ledger grew since the last one (and offers it to witnesses). */
  checkpointNow(): Promise<void>;
  /** Called with each new checkpoint; the local witnesses use it. */
  onCheckpoint(listener: CheckpointListener): () => void;
  readonly origin: string;
  /** The live air picture: the ingest pipeline feeds its monitor. */
  readonly airspace: LiveAirspace;
  /** Records one transition of the air picture in the ledger (as the air-picture principal). */
  recordTransition(t: Transition): Promise<void>;
  /** Sends the current air picture to every feed subscriber. */
  publishTracks(): void;
  /** Violation figures (counts and casualties by week, governorate, area, kind, perpetrator, status). */
  figures(viewer: Principal, asOf?: AsOf): Promise<ViolationFigures>;
  /** Waits for pending commands and signs a last checkpoint; the caller closes the store. */
  close(): Promise<void>;
}

/** Record-naming fields of commands: a record the actor may not see is answered as missing. */
const RECORD_FIELDS = [
  'site',
  'dispute',
  'nomination',
  'record',
  'notice',
  'violation',
  'request',
  'sealed',
  'allegation',
];

export async function openJigService(options: JigServiceOptions): Promise<OpenJigService> {
  const { store, people, agreement: policy, clock, logKey } = options;
  const random = options.random ?? pooledRandom();
  const origin = options.origin ?? `jig.example/${policy.id}`;
  const parties = policy.parties.map((p) => p.id);
  const witnesses = await settleIdentity(store, origin, logKey, options.witnesses);

  const history: Logged[] = await readHistory(store, parties);
  const records: RecordIndex = new Map();
  indexRecords(
    records,
    history.map((l) => l.event),
  );
  let state: RootState = replay(history.map((l) => l.event));
  const feed = new Feed(history);
  const checkpoints = new Checkpointer(store, origin, logKey, witnesses, (cp) =>
    feed.publish({ kind: 'checkpoint', index: cp.size - 1, checkpoint: ledger.viewOf(cp) }),
  );
  const ledger = ledgerViews(store, checkpoints);
  const office = officeKeys(logKey);
  const personKey = personKeys(people);
  const airspace = new LiveAirspace(policy);
  airspace.reload(state, clock.now());
  let queue: Promise<unknown> = Promise.resolve();

  const source = (s: RootState, r: RecordIndex, now: EpochMs): ViewSource => ({
    state: s,
    records: r,
    policy,
    now,
  });

  function hideUnseen(principal: Principal, command: Record<string, unknown>): void {
    for (const field of RECORD_FIELDS) {
      const id = command[field];
      const found = typeof id === 'string' ? records.get(recordId(id)) : undefined;
      if (found && found.owner !== principal.party && found.release !== 'joint')
        throw new JigError('NOT_FOUND', 'no such record');
    }
  }

  /**
   * Commands are decided one at a time against `pending` (the committed state plus every event
   * decided and sent to the store but not yet committed), and their appends are sent without
   * waiting for the previous commit, so that the store commits many in one transaction (group
   * commit). Commits resolve in the order they were sent; each one then becomes the served state,
   * joins the history and is published, in that order.
   */
  let pending: RootState = state;
  let committed: Promise<unknown> = Promise.resolve();
  let inFlight = 0;
  let recovering: Promise<void> | undefined;

  async function decideAndSend(principal: Principal, raw: Command): Promise<() => Promise<Executed>> {
    if (recovering) await recovering;
    if (wasParsed(raw)) return decideParsedAndSend(principal, raw);
    const parsed = parseCommand(raw);
    if (!parsed.ok) throw new JigError('INVALID_INPUT', 'The command is invalid.', { issues: parsed.error });
    return decideParsedAndSend(principal, parsed.value);
  }

  /** Decides an already-parsed command (the edge's, or one the service builds itself) and sends it. */
  async function decideParsedAndSend(
    principal: Principal,
    command: RulesCommand,
  ): Promise<() => Promise<Executed>> {
    hideUnseen(principal, command as unknown as Record<string, unknown>);
    const key = await personKey(principal);
    const actor = { id: principal.person, party: principal.party, roles: [principal.role] };
    const newId = () => recordId(toHex(random(12)));
    const decision = decide(pending, command, { policy, actor, now: clock.now(), newId });
    if (!decision.ok) {
      const { code, message, issues } = decision.refusal;
      throw new JigError(code, message, { issues: issues ?? [] });
    }
    const events = decision.events;
    if (events.length === 0) return () => Promise.resolve({ index: history.length - 1, events: [] });
    const prepared = prepareEntries(events, key, office, random);
    const next = replay(events, pending);
    indexRecords(records, events);
    const appended = store.append(
      prepared.map((p) => p.request),
      async (tx, stored) => {
        for (const [i, p] of prepared.entries())
          if (p.reveal) await tx.putReveal({ ...p.reveal, seq: (stored[i] as { seq: number }).seq });
        const src = source(next, records, clock.now());
        for (const id of new Set(events.map((e) => e.record))) {
          const found = findView(src, id);
          if (found) await tx.put('records', id, found);
        }
      },
    );
    // It may fail before its turn in the commit chain awaits it: not an unhandled rejection.
    appended.catch(() => undefined);
    pending = next;
    inFlight++;
    const done = committed.then(async () => {
      try {
        const stored = await appended;
        const logged = stored.map((s, i) => ({ index: s.seq, event: events[i] as RulesEvent }));
        if (!recovering) state = next;
        history.push(...logged);
        feed.publishEvents(logged);
        checkpoints.schedule();
        if (!recovering) for (const t of airspace.reload(state, clock.now())) void recordTransition(t);
        const seen = events.flatMap((e) => viewEvent(principal.party, e) ?? []);
        return { index: logged.at(-1)?.index ?? history.length - 1, events: seen };
      } catch (e) {
        recovering ??= recover();
        throw e;
      } finally {
        inFlight--;
      }
    });
    committed = done.catch(() => undefined);
    return () => done;
  }

  /**
   * A failed append leaves `pending` holding events the ledger does not: the commands decided on
   * top of them may have committed. Once nothing is in flight, the state is rebuilt from the
   * ledger, the source of truth; commands wait meanwhile.
   */
  async function recover(): Promise<void> {
    while (inFlight > 0) await committed;
    const events = (await readHistory(store, parties)).map((l) => l.event);
    records.clear();
    indexRecords(records, events);
    state = replay(events);
    pending = state;
    recovering = undefined;
  }

  async function recordTransition(t: Transition): Promise<void> {
    const who = options.airPicture;
    if (who === undefined) return;
    const sent = queue.then(() => decideParsedAndSend(who, transitionCommand(t)));
    queue = sent.catch(() => undefined);
    try {
      await (
        await sent
      )();
    } catch (e) {
      // A transition the rules refuse (an incursion already open, an area withdrawn meanwhile) is
      // not an error of the picture; anything else is reported.
      const code = e instanceof JigError ? String((e as JigError).code) : '';
      if (!['ALREADY_DECIDED', 'NOT_FOUND', 'INVALID_STATE'].includes(code))
        console.error('jig: could not record an air-picture transition:', e);
    }
  }

  /** The state and records as of a past moment: the history prefix replayed. */
  function asOfSource(asOf: AsOf | undefined): ViewSource {
    if (asOf === undefined) return source(state, records, clock.now());
    const prefix =
      'index' in asOf
        ? history.filter((l) => l.index < asOf.index)
        : history.filter((l) => l.event.at <= asOf.time);
    const events = prefix.map((l) => l.event);
    const idx: RecordIndex = new Map();
    indexRecords(idx, events);
    const now = 'time' in asOf ? asOf.time : (events.at(-1)?.at ?? clock.now());
    return source(replay(events, initialState), idx, now);
  }

  const service: OpenJigService = {
    origin,
    async execute(principal, command) {
      const sent = queue.then(() => decideAndSend(principal, command));
      queue = sent.catch(() => undefined);
      return (await sent)();
    },
    list: (viewer, collection: Collection, asOf?: AsOf): Promise<readonly RecordView[]> =>
      Promise.resolve(
        collection === 'tracks'
          ? asOf === undefined
            ? airspace.tracks()
            : []
          : listViews(asOfSource(asOf), viewer.party, collection),
      ),
    get: (viewer, collection, id, asOf) =>
      Promise.resolve(getView(asOfSource(asOf), viewer.party, collection, recordId(id))),
    subscribe: (viewer, fromIndex, onMessage) =>
      Promise.resolve(feed.subscribe(viewer, fromIndex, onMessage)),
    ledger,
    figures: (_viewer, asOf) => Promise.resolve(figuresOf(asOfSource(asOf), parties)),
    airspace,
    recordTransition,
    publishTracks: () =>
      feed.publish({ kind: 'tracks', index: history.length - 1, tracks: airspace.tracks() }),
    checkpointNow: async () => void (await checkpoints.now()),
    onCheckpoint: (listener) => checkpoints.onCheckpoint(listener),
    async close() {
      await queue;
      await committed;
      await checkpoints.now().catch(() => undefined);
      await checkpoints.close();
    },
  };
  return service;
}

/** Sets who the log is on first open; afterwards the log key must be the one it was set up with. */
async function settleIdentity(
  store: LedgerStore,
  origin: string,
  logKey: KeyObject,
  witnesses: readonly string[] | undefined,
): Promise<readonly string[]> {
  const vkey = Checkpointer.logVerifierKey(origin, logKey);
  const current = await store.identity();
  if (current !== undefined && (current.logKey !== vkey || current.origin !== origin))
    throw new JigError(
      'LEDGER_INCONSISTENT',
      `the ledger was set up for ${current.logKey}, not this log key (${vkey})`,
    );
  const wanted = witnesses ?? current?.witnesses ?? [];
  // Witnesses may be configured later than the log; a changed set is recorded for the next exports.
  if (current === undefined || current.witnesses.join('\n') !== wanted.join('\n'))
    await store.setIdentity({ origin, logKey: vkey, witnesses: wanted });
  return wanted;
}
