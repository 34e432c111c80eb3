/**
 * Records of the humanitarian and violation slices as plain JSON views. Humanitarian site notices
 * are listed with the protected sites (they protect like them while active); movement notices are
 * the `movements` collection; violation reports carry their derived status and every party's
 * assessment. Reporters of shielded reports never appear.
 */
import type { RecordId } from '../core/index.ts';
import { current, protectionWindow } from '../rules/humanitarian.ts';
import { humanitarianPolicyOf } from '../rules/humanitarian-policy.ts';
import type { Notice } from '../rules/humanitarian-model.ts';
import type { InformationRequest } from '../rules/violations-model.ts';
import { violationStatus } from '../rules/violations-status.ts';
import type { RecordView } from './types.ts';
import { iso, pick } from './views-operations.ts';
import type { ViewSource } from './views-source.ts';

function noticeStatus(src: ViewSource, n: Notice): string {
  if (n.cancelled) return 'cancelled';
  const w = protectionWindow(n);
  return src.now > w.to ? 'ended' : src.now >= w.from ? 'active' : 'upcoming';
}

function noticeCommon(src: ViewSource, n: Notice) {
  const v = current(n);
  return {
    id: n.id,
    owner: n.owner,
    release: 'joint' as const,
    status: noticeStatus(src, n),
    version: v.version,
    notifiedAt: iso(n.versions[0]?.at),
    late: v.timing.late,
    receipts: n.receipts.map((r) => ({ party: r.party, version: r.version, at: iso(r.at) })),
    cancelled: n.cancelled && { at: iso(n.cancelled.at), reason: n.cancelled.reason },
    outcomes: n.outcomes.map((o) => ({
      id: o.record,
      outcome: o.outcome,
      happenedAt: iso(o.happenedAt),
      where: o.where,
      deniedBy: o.deniedBy,
      narrative: o.narrative,
      evidence: o.evidence,
    })),
  };
}

export function humanitarianSites(src: ViewSource, id?: RecordId): RecordView[] {
  return pick(src.state.humanitarian.notices, id).flatMap((n): RecordView[] => {
    const d = current(n).details;
    if (d.subject !== 'site') return [];
    const s = d.site;
    const bufferM = s.bufferM ?? humanitarianPolicyOf(src.policy).siteBuffersM[s.category];
    return [
      {
        ...noticeCommon(src, n),
        kind: 'humanitarian_site',
        geometry: s.geometry,
        name: s.name,
        category: s.category,
        bufferM,
        active: { from: iso(s.active.from), to: iso(s.active.to) },
      },
    ];
  });
}

export function movements(src: ViewSource, id?: RecordId): RecordView[] {
  return pick(src.state.humanitarian.notices, id).flatMap((n): RecordView[] => {
    const d = current(n).details;
    if (d.subject !== 'movement') return [];
    const m = d.movement;
    return [
      {
        ...noticeCommon(src, n),
        kind: m.kind,
        geometry: m.route,
        name: m.name,
        corridorWidthM: m.corridorWidthM,
        window: { from: iso(m.window.from), to: iso(m.window.to) },
        vehicles: m.vehicles,
        destination: m.destination,
      },
    ];
  });
}

export function violations(src: ViewSource, id?: RecordId): RecordView[] {
  const parties = src.policy.parties.map((p) => p.id);
  const reports = pick(src.state.violations.reports, id);
  // One pass over the requests, kept to the reports shown: a view of one report (the projection
  // written at every command) costs what that report has, not what the whole ledger has.
  const shown = new Set(reports.map((r) => r.id));
  const requestsOf = new Map<RecordId, InformationRequest[]>();
  for (const q of src.state.violations.requests.values())
    if (shown.has(q.violation)) requestsOf.set(q.violation, [...(requestsOf.get(q.violation) ?? []), q]);
  return reports.map((r) => ({
    id: r.id,
    owner: r.reportingParty,
    release: src.records.get(r.id)?.release ?? 'joint',
    status: violationStatus(
      r,
      parties,
      (requestsOf.get(r.id) ?? []).some((q) => q.answer === null),
    ),
    geometry: r.place,
    time: { from: iso(r.time.from), to: iso(r.time.to) },
    kind: r.kind,
    perpetrator: r.perpetrator,
    casualties: r.casualties,
    narrative: r.narrative,
    evidence: r.evidence,
    shielded: r.shielded,
    reporter: r.shielded ? null : r.reporter,
    reportedAt: iso(r.reportedAt),
    assessments: [...r.assessments].map(([party, a]) => ({
      party,
      assessment: a.assessment,
      reason: a.reason,
      at: iso(a.at),
    })),
    requests: (requestsOf.get(r.id) ?? []).map((q) => ({
      id: q.id,
      from: q.from,
      to: q.to,
      question: q.question,
      requestedAt: iso(q.requestedAt),
      deadline: iso(q.deadline),
      answer: q.answer && { at: iso(q.answer.at), text: q.answer.text },
    })),
    withdrawn: r.withdrawn && { at: iso(r.withdrawn.at), reason: r.withdrawn.reason },
  }));
}
