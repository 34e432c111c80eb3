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
import type { LedgerNotifier, LedgerStore, SharedPictures } from '../store/types.ts';
import { Checkpointer, type CheckpointListener } from './checkpoints.ts';
import { officeKeys, personKeys, pooledRandom, prepareEntries, type Random } from './entries.ts';
import { ClientSignatures, withSignedCommand } from './client-signed.ts';
import type { SignedCommand } from '../ledger/index.ts';
import { Feed } from './feed.ts';
import { indexRecords, readHistory, readHistoryFrom, type Logged, type RecordIndex } from './history.ts';
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
  /**
   * Tells of appends to the ledger, including those of other server instances on the same
   * database (PostgreSQL): the service then reads them, so that its state, its views and its feed
   * follow the one ledger whichever instance appended.
   */
  readonly notifier?: LedgerNotifier;
  /** The other instances' air pictures, merged into this one's tracks (PostgreSQL). */
  readonly pictures?: SharedPictures;
}

/**
 * How long a command that other instances keep overtaking is decided again before the caller is
 * told to retry later; between attempts, a short random pause lets the instances fall out of step.
 */
const REDECIDE_FOR_MS = 30_000;
const MAX_PAUSE_MS = 20;

/**
 * An append whose decision was made on a state that is no longer the ledger's head: another
 * instance appended first, or an earlier append of this instance failed. Never leaves the service:
 * the command is decided again on the caught-up state.
 */
class Overtaken extends JigError<'CONFLICT'> {
  constructor() {
    super('CONFLICT', 'the ledger moved on while the command was being decided; it was not recorded');
  }
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
  const clientSigned = new ClientSignatures(people, origin, clock, office);
  const airspace = new LiveAirspace(policy, toHex(random(8)));
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
   *
   * Several server instances may append to one database. A decision holds only on the state it
   * was made on, so each append checks, inside the store's transaction (where the head is locked),
   * that its first entry lands exactly at the position the decision expected (`nextSeq`) and that
   * no append of this service failed since (`epoch`). Otherwise it is refused (`Overtaken`), the
   * service reads what the others appended, and the command is decided again on the new state.
   */
  let pending: RootState = state;
  let committed: Promise<unknown> = Promise.resolve();
  let inFlight = 0;
  let recovering: Promise<void> | undefined;
  /** The ledger position of the next entry this service will append, counting those in flight. */
  let nextSeq = history.length;
  /** Grows at every failed append: a decision made before it may rest on events never committed. */
  let epoch = 0;

  async function decideAndSend(
    principal: Principal,
    raw: Command,
    signed?: SignedCommand,
  ): Promise<() => Promise<Executed>> {
    if (recovering) await recovering;
    if (wasParsed(raw)) return decideParsedAndSend(principal, raw, signed);
    const parsed = parseCommand(raw);
    if (!parsed.ok) throw new JigError('INVALID_INPUT', 'The command is invalid.', { issues: parsed.error });
    return decideParsedAndSend(principal, parsed.value, signed);
  }

  /** Decides an already-parsed command (the edge's, or one the service builds itself) and sends it. */
  async function decideParsedAndSend(
    principal: Principal,
    command: RulesCommand,
    signed?: SignedCommand,
  ): Promise<() => Promise<Executed>> {
    if (recovering) await recovering;
    const decidedIn = epoch;
    hideUnseen(principal, command as unknown as Record<string, unknown>);
    const key = signed ? clientSigned.key(principal) : await personKey(principal);
    const actor = { id: principal.person, party: principal.party, roles: [principal.role] };
    const newId = () => recordId(toHex(random(12)));
    const decision = decide(pending, command, { policy, actor, now: clock.now(), newId });
    if (!decision.ok) {
      const { code, message, issues } = decision.refusal;
      throw new JigError(code, message, { issues: issues ?? [] });
    }
    const events = signed ? withSignedCommand(decision.events, signed) : decision.events;
    if (events.length === 0) return () => Promise.resolve({ index: history.length - 1, events: [] });
    const prepared = prepareEntries(events, key, office, random);
    const next = replay(events, pending);
    const added = indexRecords(records, events);
    const expectedSeq = nextSeq;
    const appended = store.append(
      prepared.map((p) => p.request),
      async (tx, stored) => {
        if (epoch !== decidedIn || stored[0]?.seq !== expectedSeq) throw new Overtaken();
        if (signed) await clientSigned.remember(tx, signed);
        for (const [i, p] of prepared.entries())
          if (p.reveal) await tx.putReveal({ ...p.reveal, seq: (stored[i] as { seq: number }).seq });
        const src = source(next, records, clock.now());
        for (const id of new Set(events.map((e) => e.record))) {
          const found = findView(src, id);
          if (found) await tx.put('records', id, found);
        }
      },
    );
    // Every later decision rests on this one: if it fails, they must not commit (they check the
    // epoch in their transaction), and the state is rebuilt before anything else is decided.
    appended.catch(() => {
      for (const id of added) records.delete(id);
      epoch++;
      recovering ??= recover();
    });
    pending = next;
    nextSeq += prepared.length;
    inFlight++;
    const done = committed.then(async () => {
      try {
        const stored = await appended;
        const logged = stored.map((s, i) => ({ index: s.seq, event: events[i] as RulesEvent }));
        // Committed at the position it was decided for, after every earlier append of this
        // service: `next` is the ledger's state.
        state = next;
        history.push(...logged);
        feed.publishEvents(logged);
        checkpoints.schedule();
        for (const t of airspace.reload(state, clock.now())) void recordTransition(t);
        const seen = events.flatMap((e) => viewEvent(principal.party, e) ?? []);
        return { index: logged.at(-1)?.index ?? history.length - 1, events: seen };
      } finally {
        inFlight--;
      }
    });
    committed = done.catch(() => undefined);
    return () => done;
  }

  /**
   * After a failed or overtaken append, once nothing is in flight: the state is the committed one
   * (every append of this service that committed has been applied, in order), and whatever else
   * the ledger holds beyond it (other instances' entries, or an append whose commit was not
   * acknowledged) is read from the store, the source of truth. Commands wait meanwhile.
   */
  async function recover(): Promise<void> {
    while (inFlight > 0) await committed;
    try {
      await catchUp();
    } finally {
      pending = state;
      nextSeq = history.length;
      recovering = undefined;
    }
  }

  /**
   * Applies the entries other instances appended since the history's end, and publishes them.
   * One catch-up at a time, so that no entry is applied twice.
   */
  let catching: Promise<void> = Promise.resolve();
  function catchUp(to?: number): Promise<void> {
    const caught = catching.then(() => readAndApply(to));
    catching = caught.catch(() => undefined);
    return caught;
  }

  async function readAndApply(to?: number): Promise<void> {
    const logged = await readHistoryFrom(store, history.length, to);
    if (logged.length === 0) return;
    const events = logged.map((l) => l.event);
    indexRecords(records, events);
    state = replay(events, state);
    pending = state;
    history.push(...logged);
    nextSeq = history.length;
    feed.publishEvents(logged);
    checkpoints.schedule();
    for (const t of airspace.reload(state, clock.now())) void recordTransition(t);
  }

  /**
   * Runs a catch-up in the command queue, when nothing of this service is in flight, up to the
   * largest size notified (which saves asking the store for it).
   */
  let followTo = 0;
  let following = false;
  function follow(size: number): void {
    followTo = Math.max(followTo, size);
    if (size <= nextSeq || following) return;
    following = true;
    const run = queue.then(async () => {
      following = false;
      while (inFlight > 0) await committed;
      if (recovering) await recovering;
      await catchUp(followTo);
    });
    queue = run.catch((e: unknown) => console.error("jig: could not read the ledger's new entries:", e));
  }
  const unfollow = options.notifier?.onAppended(follow);

  /**
   * Decides and sends a command in the queue, then waits for its commit; decided again (on the
   * caught-up state) when another instance's append overtook it.
   */
  async function run(send: () => Promise<() => Promise<Executed>>): Promise<Executed> {
    const until = Date.now() + REDECIDE_FOR_MS;
    for (let attempt = 1; ; attempt++) {
      const sent = queue.then(send);
      queue = sent.catch(() => undefined);
      try {
        return await (
          await sent
        )();
      } catch (e) {
        if (!(e instanceof Overtaken)) throw e;
        if (Date.now() > until)
          throw new JigError('RATE_LIMITED', 'the ledger is too busy to take this command now; retry later');
        if (attempt > 2)
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(MAX_PAUSE_MS, 2 ** attempt)));
      }
    }
  }

  async function recordTransition(t: Transition): Promise<void> {
    const who = options.airPicture;
    if (who === undefined) return;
    try {
      await run(() => decideParsedAndSend(who, transitionCommand(t)));
    } catch (e) {
      // A transition the rules refuse (an incursion already open, an area withdrawn meanwhile) is
      // not an error of the picture; anything else is reported.
      const code = e instanceof JigError ? String((e as JigError).code) : '';
      if (!['ALREADY_DECIDED', 'NOT_FOUND', 'INVALID_STATE'].includes(code))
        console.error('jig: could not record an air-picture transition:', e);
    }
  }

  /**
   * Sends the air picture to every feed subscriber. With other instances on the same database, this
   * instance's tracks are shared with them first and theirs merged in, so that a client of any
   * instance sees every aircraft, whichever instance its reports reached.
   */
  function publishTracks(): void {
    const publish = (tracks: readonly RecordView[]) =>
      feed.publish({ kind: 'tracks', index: history.length - 1, tracks });
    if (!options.pictures) return publish(airspace.tracks());
    airspace
      .exchange(options.pictures, clock.now())
      .then(publish)
      .catch((e: unknown) => console.error('jig: could not exchange air pictures:', e));
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
    execute: (principal, command) => run(() => decideAndSend(principal, command)),
    async executeSigned(principal, envelope) {
      const signed = await clientSigned.check(principal, envelope);
      return run(() => decideAndSend(principal, signed.command, signed));
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
    publishTracks,
    checkpointNow: async () => void (await checkpoints.now()),
    onCheckpoint: (listener) => checkpoints.onCheckpoint(listener),
    async close() {
      unfollow?.();
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
