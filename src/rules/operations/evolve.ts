/** The fold of the operations slice: one case per event type, each a small pure copy. */
import type { EpochMs, RecordId } from '../../core/index.ts';
import type { OperationsEvent } from './events.ts';
import { notify, patch, put, type Nomination, type OperationsState } from './state.ts';

type Of<T extends OperationsEvent['type']> = Extract<OperationsEvent, { type: T }>;

const nomination = (s: OperationsState, id: RecordId, f: (n: Nomination) => Nomination): OperationsState => ({
  ...s,
  nominations: patch(s.nominations, id, f),
});

function registered(s: OperationsState, e: Of<'ProtectedSiteRegistered'>): OperationsState {
  const site = {
    id: e.record,
    owner: e.owner,
    release: e.release,
    ...e.data,
    registeredAt: e.at,
    withdrawnAt: null,
  };
  return { ...s, sites: put(s.sites, e.record, site) };
}

function nominated(s: OperationsState, e: Of<'TargetNominated'>): OperationsState {
  const n: Nomination = {
    id: e.record,
    owner: e.owner,
    ...e.data,
    decisions: new Map(),
    vettedAt: null,
    invalidatedAt: null,
    withdrawnAt: null,
    execution: null,
  };
  return { ...s, nominations: put(s.nominations, e.record, n) };
}

function executed(s: OperationsState, e: Of<'ExecutionReported'>): OperationsState {
  const { nomination: nom, executedAt, location, outcome, distanceM } = e.data;
  const x = {
    id: e.record,
    nomination: nom,
    by: e.owner,
    executedAt,
    location,
    outcome,
    distanceM,
    deviations: [],
  };
  return nomination({ ...s, executions: put(s.executions, e.record, x) }, nom, (n) => ({
    ...n,
    execution: e.record,
  }));
}

function filed(s: OperationsState, e: Of<'ImminentThreatActionRecorded'>): OperationsState {
  const { group, actionAt, deadline, filing, allegation } = e.data;
  const action = { id: e.record, party: e.owner, group, actionAt, filedAt: e.at, deadline, filing };
  const next = { ...s, imminentActions: put(s.imminentActions, e.record, action) };
  if (allegation === null) return next;
  return { ...next, allegations: patch(s.allegations, allegation, (a) => ({ ...a, filing: e.record })) };
}

function alleged(s: OperationsState, e: Of<'UnilateralActionAlleged'>): OperationsState {
  const { against, actionAt, deadline } = e.data;
  return {
    ...s,
    allegations: put(s.allegations, e.record, {
      id: e.record,
      by: e.owner,
      against,
      actionAt,
      deadline,
      filing: null,
    }),
  };
}

function apply(s: OperationsState, e: OperationsEvent): OperationsState {
  const at: EpochMs = e.at;
  switch (e.type) {
    case 'ProtectedSiteRegistered':
      return registered(s, e);
    case 'ProtectedSiteWithdrawn':
      return { ...s, sites: patch(s.sites, e.record, (site) => ({ ...site, withdrawnAt: at })) };
    case 'ProtectedSiteDisputed':
      return {
        ...s,
        disputes: put(s.disputes, e.record, { id: e.record, by: e.owner, at, answer: null, ...e.data }),
      };
    case 'DisputeAnswered': {
      const answer = { outcome: e.data.outcome, reason: e.data.reason, at };
      return { ...s, disputes: patch(s.disputes, e.record, (d) => ({ ...d, answer })) };
    }
    case 'TargetNominated':
      return nominated(s, e);
    case 'NominationRechecked':
      return nomination(s, e.record, (n) => ({ ...n, conflicts: e.data.conflicts }));
    case 'NominationDecided': {
      const { party, concur, reason } = e.data;
      return nomination(s, e.record, (n) => ({
        ...n,
        decisions: new Map(n.decisions).set(party, { concur, reason }),
      }));
    }
    case 'NominationVetted':
      return nomination(s, e.record, (n) => ({ ...n, vettedAt: at }));
    case 'NominationInvalidated':
      return nomination(s, e.record, (n) => ({ ...n, conflicts: e.data.conflicts, invalidatedAt: at }));
    case 'NominationWithdrawn':
      return nomination(s, e.record, (n) => ({ ...n, withdrawnAt: at }));
    case 'IntegratedOperationsAuthorized':
      return { ...s, integratedAuthorizations: put(s.integratedAuthorizations, e.data.party, at) };
    case 'ExecutionReported':
      return executed(s, e);
    case 'ExecutionDeviationFlagged':
      return {
        ...s,
        executions: patch(s.executions, e.record, (x) => ({ ...x, deviations: e.data.deviations })),
      };
    case 'ImminentThreatActionRecorded':
      return filed(s, e);
    case 'UnilateralActionAlleged':
      return alleged(s, e);
    case 'NoticeSent':
      return { ...s, notices: put(s.notices, e.record, { id: e.record, owner: e.owner, ...e.data }) };
    case 'DeconflictionAlerted':
      return s;
    case 'ReceiptAcknowledged': {
      const receipted = patch(s.notifications, e.record, (n) => ({
        ...n,
        receipts: new Map(n.receipts).set(e.data.party, at),
      }));
      return { ...s, notifications: receipted };
    }
  }
}

export function evolveOperations(s: OperationsState, e: OperationsEvent): OperationsState {
  return notify(apply(s, e), e);
}
