/* eslint-disable @typescript-eslint/require-await --
   The fake answers at once; async keeps its refusals as rejections, as the real service's are. */
/**
 * A JigService in memory for the server's tests: it keeps records and a log of events, hides
 * other parties' office and sealed records exactly as missing ones, and replays its log to
 * subscribers. It has no rules: every well-formed command is accepted.
 */
import { createHash } from 'node:crypto';
import { epochMs, JigError, partyId, personId, recordId, type ReleaseLevel } from '../../src/core/index.ts';
import type { DomainEvent } from '../../src/rules/model.ts';
import type {
  AsOf,
  Collection,
  Command,
  FeedMessage,
  JigService,
  Principal,
  RecordView,
} from '../../src/service/types.ts';

/** Commands that create a record, by the collection they create it in. */
const CREATES: Record<string, Collection> = {
  DesignateArea: 'designated-areas',
  RegisterProtectedSite: 'protected-sites',
  NominateTarget: 'nominations',
  GiveNotice: 'notices',
  RecordImminentAction: 'imminent-actions',
  NotifyFlight: 'flights',
  ReportViolation: 'violations',
  NotifyMovement: 'movements',
  ReportTracks: 'tracks',
};

interface Logged {
  readonly index: number;
  readonly event: DomainEvent;
}

export interface FakeService extends JigService {
  /** Puts a record in place as if commands had made it; returns its id. */
  seed(
    collection: Collection,
    record: { id: string; owner: string; release: ReleaseLevel; [k: string]: unknown },
  ): string;
  readonly commands: Command[];
  readonly reads: { collection: Collection; asOf?: AsOf }[];
  size(): number;
}

const visible = (viewer: Principal, r: { owner: string; release: ReleaseLevel }) =>
  r.release === 'joint' || r.owner === viewer.party;

export function fakeService(): FakeService {
  const records = new Map<string, RecordView & { collection: Collection; index: number }>();
  const log: Logged[] = [];
  const subscribers = new Set<{ viewer: Principal; send: (m: FeedMessage) => void }>();
  const commands: Command[] = [];
  const reads: { collection: Collection; asOf?: AsOf }[] = [];
  let next = 1;

  function append(principal: Principal, type: string, record: RecordView): Logged {
    const event: DomainEvent = {
      type,
      record: record.id,
      owner: record.owner,
      release: record.release,
      at: epochMs(Date.UTC(2016, 6, 20) + log.length * 1000),
      by: { person: principal.person, party: principal.party },
      data: record,
    };
    const logged = { index: log.length, event };
    log.push(logged);
    for (const s of subscribers)
      if (visible(s.viewer, event)) s.send({ kind: 'event', index: logged.index, event });
    return logged;
  }

  function find(viewer: Principal, id: unknown) {
    const r = typeof id === 'string' ? records.get(id) : undefined;
    if (!r || !visible(viewer, r)) throw new JigError('NOT_FOUND', 'no such record');
    return r;
  }

  async function execute(principal: Principal, command: Command) {
    commands.push(command);
    const { type, ...body } = command;
    const collection = CREATES[type];
    if (collection) {
      const id = `${collection}-${next++}`;
      const release = (body['release'] as ReleaseLevel | undefined) ?? 'joint';
      const record = { ...body, id: recordId(id), owner: principal.party, release };
      const logged = append(principal, type, record);
      records.set(id, { ...record, collection, index: logged.index });
      return { index: logged.index, events: [logged.event] };
    }
    const target = Object.values(body).find((v) => typeof v === 'string' && records.has(v));
    const r = find(principal, target ?? body['id'] ?? Object.values(body)[0]);
    const logged = append(principal, type, { id: r.id, owner: r.owner, release: r.release, ...body });
    return { index: logged.index, events: [logged.event] };
  }

  const asOfIndex = (asOf?: AsOf) => (asOf && 'index' in asOf ? asOf.index : Infinity);
  const strip = ({
    collection: _c,
    index: _i,
    ...view
  }: RecordView & { collection: Collection; index: number }) => view;

  const service: FakeService = {
    commands,
    reads,
    size: () => log.length,
    seed(collection, record) {
      records.set(record.id, {
        ...record,
        id: recordId(record.id),
        owner: partyId(record.owner),
        collection,
        index: -1,
      });
      return record.id;
    },
    execute,
    async list(viewer, collection, asOf) {
      reads.push(asOf ? { collection, asOf } : { collection });
      return [...records.values()]
        .filter((r) => r.collection === collection && visible(viewer, r) && r.index < asOfIndex(asOf))
        .map(strip);
    },
    async get(viewer, collection, id, asOf) {
      reads.push(asOf ? { collection, asOf } : { collection });
      const r = records.get(id);
      return r && r.collection === collection && visible(viewer, r) && r.index < asOfIndex(asOf)
        ? strip(r)
        : undefined;
    },
    async subscribe(viewer, fromIndex, onMessage) {
      for (const l of log.slice(fromIndex))
        if (visible(viewer, l.event)) onMessage({ kind: 'event', index: l.index, event: l.event });
      const s = { viewer, send: onMessage };
      subscribers.add(s);
      return () => void subscribers.delete(s);
    },
    ledger: {
      keys: async () => ({ keys: [] }),
      addCosignatures: async () => {
        throw new JigError('INVALID_SIGNATURE', 'the fake ledger has no witnesses');
      },
      checkpoint: async () => ({
        size: log.length,
        rootHash: hash(String(log.length)),
        timestamp: epochMs(Date.UTC(2016, 6, 20)),
        note: `jig.example/ledger\n${log.length}\n${hash(String(log.length))}\n`,
      }),
      entries: async (viewer, from, to) =>
        log.slice(from, to).map((l) => ({
          index: l.index,
          leafHash: hash(JSON.stringify(l.event)),
          entry:
            visible(viewer, l.event) || l.event.owner === viewer.party
              ? l.event
              : { commitment: hash(l.event.record) },
        })),
      inclusionProof: async (index, size) => {
        if (index >= size || size > log.length)
          throw new JigError('INVALID_INPUT', 'index beyond the tree size');
        return { index, size, leafHash: hash(String(index)), path: [hash('sibling')] };
      },
      consistencyProof: async (size1, size2) => {
        if (size1 > size2 || size2 > log.length) throw new JigError('INVALID_INPUT', 'sizes out of range');
        return { size1, size2, path: [hash('node')] };
      },
    },
  };
  return service;
}

const hash = (s: string) => createHash('sha256').update(s).digest('base64');

/** People of two parties, one per role, as the server's tests use them. */
export function principal(party: 'US' | 'RU', role: Principal['role']): Principal {
  return {
    person: personId(`${party}-${role}`),
    name: `${party.toLowerCase()}-${role}`,
    party: partyId(party),
    role,
  };
}
