/**
 * Records of the operations slice as plain JSON views: protected sites (with their disputes),
 * nominations (with their checks and each party's decision), notices of synchronized operations
 * and imminent-threat filings (with the allegations they answer or leave open). Times are RFC 3339.
 * Views are built unfiltered here; `views.ts` filters them for the viewer through `access`.
 */
import { toRfc3339, type RecordId } from '../core/index.ts';
import { allegationStatus, nominationStatus } from '../rules/index.ts';
import type { Nomination, Site } from '../rules/operations/state.ts';
import type { RecordView } from './types.ts';
import type { ViewSource } from './views-source.ts';

export const iso = (t: number | null | undefined): string | null =>
  t === null || t === undefined ? null : toRfc3339(t);
const windowOf = (w: { readonly from: number; readonly to: number }) => ({
  from: iso(w.from),
  to: iso(w.to),
});

/** Values of a map, or the one with that id. */
export function pick<V>(map: ReadonlyMap<RecordId, V>, id: RecordId | undefined): V[] {
  if (id === undefined) return [...map.values()];
  const v = map.get(id);
  return v === undefined ? [] : [v];
}

function siteView(src: ViewSource, s: Site): RecordView {
  const disputes = [...src.state.operations.disputes.values()]
    .filter((d) => d.site === s.id)
    .map((d) => ({
      id: d.id,
      by: d.by,
      reason: d.reason,
      at: iso(d.at),
      answer: d.answer && { outcome: d.answer.outcome, reason: d.answer.reason, at: iso(d.answer.at) },
    }));
  return {
    id: s.id,
    owner: s.owner,
    release: s.release,
    kind: 'protected_site',
    status: s.withdrawnAt === null ? 'active' : 'withdrawn',
    geometry: s.geometry,
    name: s.name,
    category: s.category,
    bufferM: s.bufferM,
    registeredAt: iso(s.registeredAt),
    withdrawnAt: iso(s.withdrawnAt),
    disputes,
  };
}

export const protectedSites = (src: ViewSource, id?: RecordId): RecordView[] =>
  pick(src.state.operations.sites, id).map((s) => siteView(src, s));

function nominationView(src: ViewSource, n: Nomination): RecordView {
  const execution = n.execution === null ? undefined : src.state.operations.executions.get(n.execution);
  return {
    id: n.id,
    owner: n.owner,
    release: src.records.get(n.id)?.release ?? 'joint',
    status: nominationStatus(n),
    geometry: n.location,
    group: n.group,
    justification: n.justification,
    window: windowOf(n.window),
    executors: n.executors,
    checks: n.conflicts,
    decisions: [...n.decisions].map(([party, d]) => ({ party, concur: d.concur, reason: d.reason })),
    vettedAt: iso(n.vettedAt),
    invalidatedAt: iso(n.invalidatedAt),
    withdrawnAt: iso(n.withdrawnAt),
    execution: execution
      ? {
          id: execution.id,
          by: execution.by,
          executedAt: iso(execution.executedAt),
          geometry: execution.location,
          outcome: execution.outcome,
          distanceM: execution.distanceM,
          deviations: execution.deviations,
        }
      : null,
  };
}

export const nominations = (src: ViewSource, id?: RecordId): RecordView[] =>
  pick(src.state.operations.nominations, id).map((n) => nominationView(src, n));

export const operationNotices = (src: ViewSource, id?: RecordId): RecordView[] =>
  pick(src.state.operations.notices, id).map((n) => {
    const first = src.records.get(n.id)?.first.data as { remarks?: string | null } | undefined;
    const receipts: ReadonlyMap<string, number> =
      src.state.operations.notifications.get(n.id)?.receipts ?? new Map<string, number>();
    return {
      id: n.id,
      owner: n.owner,
      release: src.records.get(n.id)?.release ?? 'joint',
      status: src.now > n.window.to ? 'ended' : src.now >= n.window.from ? 'active' : 'upcoming',
      geometry: n.area,
      group: n.group,
      window: windowOf(n.window),
      remarks: first?.remarks ?? null,
      receipts: [...receipts].map(([party, at]) => ({ party, at: iso(at) })),
    };
  });

export function imminentActions(src: ViewSource, id?: RecordId): RecordView[] {
  const filings = pick(src.state.operations.imminentActions, id).map((a) => {
    const data = src.records.get(a.id)?.first.data as { location?: unknown; threat?: string } | undefined;
    return {
      id: a.id,
      owner: a.party,
      release: src.records.get(a.id)?.release ?? 'joint',
      kind: 'filing',
      status: a.filing,
      geometry: data?.location ?? null,
      group: a.group,
      threat: data?.threat ?? null,
      actionAt: iso(a.actionAt),
      filedAt: iso(a.filedAt),
      deadline: iso(a.deadline),
    };
  });
  const allegations = pick(src.state.operations.allegations, id).map((a) => {
    const data = src.records.get(a.id)?.first.data as
      { location?: unknown; description?: string } | undefined;
    return {
      id: a.id,
      owner: a.by,
      release: src.records.get(a.id)?.release ?? 'joint',
      kind: 'allegation',
      status: allegationStatus(src.state, a, src.now),
      geometry: data?.location ?? null,
      against: a.against,
      description: data?.description ?? null,
      actionAt: iso(a.actionAt),
      deadline: iso(a.deadline),
      filing: a.filing,
    };
  });
  return [...filings, ...allegations];
}
