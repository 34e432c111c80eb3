/** Humanitarian access: how each event changes the state of the slice. */
import type { RecordId } from '../core/index.ts';
import type { HumanitarianEvent, HumanitarianState, Notice } from './humanitarian-model.ts';
import { Draft, PersistentMap, type MapStore } from './persistent-map.ts';

export function emptyHumanitarian(): HumanitarianState {
  return { notices: PersistentMap.empty() };
}

/** One event: the notices are a persistent map, so an update does not copy the others. */
export function evolveHumanitarian(state: HumanitarianState, e: HumanitarianEvent): HumanitarianState {
  const notices = new Draft(state.notices);
  apply(notices, e);
  return { notices: notices.map };
}

/** The state after `events`, built in one pass (no copy per event). */
export function projectHumanitarian(events: Iterable<HumanitarianEvent>): HumanitarianState {
  const notices = new Map<RecordId, Notice>();
  for (const e of events) apply(notices, e);
  return { notices };
}

type Notices = MapStore<RecordId, Notice>;

function update(notices: Notices, id: RecordId, f: (n: Notice) => Notice): void {
  const n = notices.get(id);
  if (n) notices.set(id, f(n));
}

function apply(notices: Notices, e: HumanitarianEvent): void {
  switch (e.type) {
    case 'NoticeGiven':
    case 'NoticeAmended': {
      const v = {
        version: e.data.version,
        at: e.at,
        by: e.by,
        details: e.data.details,
        timing: e.data.timing,
      };
      if (e.type === 'NoticeGiven') {
        const empty = { receipts: [], escalations: [], cancelled: null, outcomes: [] };
        notices.set(e.record, { id: e.record, owner: e.owner, versions: [v], ...empty });
      } else update(notices, e.record, (n) => ({ ...n, versions: [...n.versions, v] }));
      return;
    }
    case 'NoticeAcknowledged': {
      const r = {
        record: e.record,
        party: e.by.party,
        person: e.by.person,
        version: e.data.version,
        at: e.at,
      };
      update(notices, e.data.notice, (n) => ({ ...n, receipts: [...n.receipts, r] }));
      return;
    }
    case 'NoticeCancelled':
      update(notices, e.record, (n) => ({ ...n, cancelled: { at: e.at, reason: e.data.reason } }));
      return;
    case 'ReceiptsEscalated': {
      const x = { version: e.data.version, at: e.at, missing: e.data.missing };
      update(notices, e.data.notice, (n) => ({ ...n, escalations: [...n.escalations, x] }));
      return;
    }
    case 'OutcomeRecorded': {
      const { outcome, happenedAt, where, deniedBy, narrative, evidence } = e.data;
      const o = { record: e.record, recordedAt: e.at, by: e.by, outcome, happenedAt, where, deniedBy };
      update(notices, e.data.notice, (n) => ({
        ...n,
        outcomes: [...n.outcomes, { ...o, narrative, evidence }],
      }));
      return;
    }
  }
}
