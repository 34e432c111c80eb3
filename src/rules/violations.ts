/**
 * Ceasefire violations: report, assess, request information, add evidence, withdraw, and shield
 * the reporter. Pure decider and evolver; see `violations-model.ts` for the shapes and
 * `violations-status.ts` for the derived status.
 *
 * A shielded report is two events. `ViolationReported` is joint and carries no reporter identity:
 * its `by.person` is `SHIELDED_PERSON`. `ReporterSealed` is a sealed record owned by the reporting
 * party, with its own record id and the id of the report it belongs to; only that party sees it,
 * and only it can reveal it (`RevealReporter`).
 */
import type { FieldIssue, PartyId, RecordId } from '../core/index.ts';
import { accept, refuse, type DecideContext, type Decision } from './model.ts';
import { evidenceIssues } from './evidence.ts';
import { Draft as MapDraft, PersistentMap, type MapStore } from './persistent-map.ts';
import { geometryIssues } from './humanitarian-geometry.ts';
import { BUILT_IN_VIOLATION_KINDS, SHIELDED_PERSON } from './violations-model.ts';
import type * as V from './violations-model.ts';

type Ctx = DecideContext<V.ViolationPolicy>;
type Out = Decision<V.ViolationEvent>;

const MAX_TEXT = 20_000;

export function emptyViolations(): V.ViolationsState {
  return {
    reports: PersistentMap.empty(),
    requests: PersistentMap.empty(),
    sealedReporters: PersistentMap.empty(),
  };
}

export function decideViolation(state: V.ViolationsState, command: V.ViolationCommand, ctx: Ctx): Out {
  switch (command.type) {
    case 'ReportViolation':
      return report(command, ctx);
    case 'AssessViolation':
      return assess(state, command, ctx);
    case 'AddViolationEvidence':
      return addEvidence(state, command, ctx);
    case 'RequestInformation':
      return requestInformation(state, command, ctx);
    case 'AnswerInformationRequest':
      return answer(state, command, ctx);
    case 'WithdrawViolationReport':
      return withdraw(state, command, ctx);
    case 'RevealReporter':
      return reveal(state, command, ctx);
  }
}

function event<T extends V.ViolationEvent>(
  ctx: Ctx,
  type: T['type'],
  record: RecordId,
  data: T['data'],
  release: 'joint' | 'sealed' = 'joint',
): T {
  const by = { person: ctx.actor.id, party: ctx.actor.party };
  return { type, record, owner: ctx.actor.party, release, at: ctx.now, by, data } as T;
}

function textIssue(text: string, pointer: string, required = true): FieldIssue[] {
  if (required && text.trim() === '') return [{ pointer, reason: 'must not be empty' }];
  return text.length > MAX_TEXT ? [{ pointer, reason: `must be at most ${MAX_TEXT} characters` }] : [];
}

function reportIssues(c: V.ReportViolation, policy: V.ViolationPolicy): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!Number.isFinite(c.time.from) || !Number.isFinite(c.time.to) || c.time.to < c.time.from)
    issues.push({ pointer: '/time', reason: 'from must not be after to' });
  issues.push(...geometryIssues(c.place, ['Point', 'Polygon', 'MultiPolygon'], '/place'));
  const kinds: readonly string[] = [...BUILT_IN_VIOLATION_KINDS, ...policy.violationKinds];
  if (!kinds.includes(c.kind))
    issues.push({ pointer: '/kind', reason: `must be one of ${kinds.join(', ')}` });
  const p = c.perpetrator;
  if (p.kind === 'party' && !policy.parties.includes(p.party))
    issues.push({ pointer: '/perpetrator/party', reason: 'is not a party to the agreement' });
  if (p.kind === 'actor' && (p.actor.trim() === '' || (policy.actors && !policy.actors.includes(p.actor))))
    issues.push({ pointer: '/perpetrator/actor', reason: 'is not an actor the agreement names' });
  for (const k of ['killed', 'injured'] as const)
    if (!Number.isSafeInteger(c.casualties[k]) || c.casualties[k] < 0)
      issues.push({ pointer: `/casualties/${k}`, reason: 'must be a non-negative integer' });
  issues.push(
    ...textIssue(c.narrative, '/narrative'),
    ...evidenceIssues(c.evidence, '/evidence', policy.evidence),
  );
  return issues;
}

function report(c: V.ReportViolation, ctx: Ctx): Out {
  const issues = reportIssues(c, ctx.policy);
  if (issues.length > 0) return refuse('INVALID_INPUT', 'the violation report is invalid', issues);
  const id = ctx.newId();
  const shielded = c.shieldReporter === true;
  const { time, place, kind, perpetrator, casualties, narrative, evidence } = c;
  const joint = event<V.ViolationReported>(ctx, 'ViolationReported', id, {
    ...{ time, place, kind, perpetrator, casualties, narrative, evidence },
    shielded,
  });
  if (!shielded) return accept(joint);
  // Neither envelope names the person: ledger entries are attributed to `by`, and even a sealed
  // record's entry shows its envelope in clear. The person is only inside the sealed data.
  const by = { party: ctx.actor.party, person: SHIELDED_PERSON };
  const data = { violation: id, reporter: ctx.actor.id };
  const sealed = event<V.ReporterSealed>(ctx, 'ReporterSealed', ctx.newId(), data, 'sealed');
  return accept<V.ViolationEvent>({ ...joint, by }, { ...sealed, by });
}

function findReport(state: V.ViolationsState, id: RecordId): V.ViolationReport | Out {
  const r = state.reports.get(id);
  if (!r)
    return refuse('NOT_FOUND', `no violation report ${id}`, [{ pointer: '/violation', reason: 'unknown' }]);
  if (r.withdrawn) return refuse('INVALID_STATE', `violation report ${id} was withdrawn`);
  return r;
}

function assess(state: V.ViolationsState, c: V.AssessViolation, ctx: Ctx): Out {
  const r = findReport(state, c.violation);
  if ('ok' in r) return r;
  if (!ctx.actor.roles.some((role) => role === 'approver' || role === 'national_authority'))
    return refuse('NOT_AUTHORIZED', "assessing a violation is for a party's approver or national authority");
  if (!ctx.policy.parties.includes(ctx.actor.party))
    return refuse('NOT_AUTHORIZED', 'only parties to the agreement assess violations');
  const reason = c.reason?.trim() ?? '';
  if (c.assessment === 'disputed' && reason === '')
    return refuse('INVALID_INPUT', 'a dispute needs a reason', [{ pointer: '/reason', reason: 'required' }]);
  const issues = textIssue(reason, '/reason', false);
  if (issues.length > 0) return refuse('INVALID_INPUT', 'the reason is too long', issues);
  return accept(
    event<V.ViolationAssessed>(ctx, 'ViolationAssessed', r.id, {
      assessment: c.assessment,
      reason: reason === '' ? null : reason,
    }),
  );
}

function addEvidence(state: V.ViolationsState, c: V.AddViolationEvidence, ctx: Ctx): Out {
  const r = findReport(state, c.violation);
  if ('ok' in r) return r;
  const known = new Set(r.evidence.map((e) => e.sha256));
  const issues = evidenceIssues(c.evidence, '/evidence', ctx.policy.evidence);
  c.evidence.forEach((e, i) => {
    if (known.has(e.sha256)) issues.push({ pointer: `/evidence/${i}/sha256`, reason: 'already filed' });
  });
  if (c.evidence.length === 0) issues.push({ pointer: '/evidence', reason: 'must not be empty' });
  if (issues.length > 0) return refuse('INVALID_INPUT', 'the evidence is invalid', issues);
  return accept(
    event<V.ViolationEvidenceAdded>(ctx, 'ViolationEvidenceAdded', r.id, { evidence: c.evidence }),
  );
}

function requestInformation(state: V.ViolationsState, c: V.RequestInformation, ctx: Ctx): Out {
  const r = findReport(state, c.violation);
  if ('ok' in r) return r;
  const to: PartyId | undefined = c.to ?? (r.perpetrator.kind === 'party' ? r.perpetrator.party : undefined);
  const issues: FieldIssue[] = textIssue(c.question, '/question');
  if (to === undefined)
    issues.push({ pointer: '/to', reason: 'required when the perpetrator is not a party' });
  else if (!ctx.policy.parties.includes(to) || to === ctx.actor.party)
    issues.push({ pointer: '/to', reason: 'must be another party to the agreement' });
  if (!(c.deadline > ctx.now)) issues.push({ pointer: '/deadline', reason: 'must be in the future' });
  if (issues.length > 0 || to === undefined) return refuse('INVALID_INPUT', 'the request is invalid', issues);
  const { question, deadline } = c;
  return accept(
    event<V.InformationRequested>(ctx, 'InformationRequested', ctx.newId(), {
      ...{ violation: r.id, to, question },
      deadline,
    }),
  );
}

function answer(state: V.ViolationsState, c: V.AnswerInformationRequest, ctx: Ctx): Out {
  const q = state.requests.get(c.request);
  if (!q)
    return refuse('NOT_FOUND', `no information request ${c.request}`, [
      { pointer: '/request', reason: 'unknown' },
    ]);
  if (q.to !== ctx.actor.party) return refuse('NOT_AUTHORIZED', `the request is addressed to party ${q.to}`);
  if (q.answer) return refuse('ALREADY_DECIDED', 'the request was already answered');
  const issues = [
    ...textIssue(c.answer, '/answer'),
    ...evidenceIssues(c.evidence, '/evidence', ctx.policy.evidence),
  ];
  if (issues.length > 0) return refuse('INVALID_INPUT', 'the answer is invalid', issues);
  return accept(
    event<V.InformationProvided>(ctx, 'InformationProvided', q.id, {
      ...{ violation: q.violation, answer: c.answer },
      evidence: c.evidence,
    }),
  );
}

function withdraw(state: V.ViolationsState, c: V.WithdrawViolationReport, ctx: Ctx): Out {
  const r = findReport(state, c.violation);
  if ('ok' in r) return r;
  if (r.reportingParty !== ctx.actor.party)
    return refuse('NOT_AUTHORIZED', 'only the reporting party withdraws');
  const issues = textIssue(c.reason, '/reason');
  if (issues.length > 0) return refuse('INVALID_INPUT', 'a withdrawal needs a reason', issues);
  return accept(
    event<V.ViolationReportWithdrawn>(ctx, 'ViolationReportWithdrawn', r.id, { reason: c.reason }),
  );
}

function reveal(state: V.ViolationsState, c: V.RevealReporter, ctx: Ctx): Out {
  const s = state.sealedReporters.get(c.sealed);
  // The same answer whether the record is unknown or another party's: no probing of sealed ids.
  if (!s || s.owner !== ctx.actor.party) return refuse('NOT_FOUND', `no sealed reporter record ${c.sealed}`);
  if (s.revealedAt !== null) return refuse('ALREADY_DECIDED', 'the reporter was already revealed');
  if (!ctx.actor.roles.includes('national_authority') && ctx.actor.id !== s.reporter)
    return refuse(
      'NOT_AUTHORIZED',
      "revealing a reporter is for the party's national authority or the reporter",
    );
  return accept(
    event<V.ReporterRevealed>(ctx, 'ReporterRevealed', s.id, {
      violation: s.violation,
      reporter: s.reporter,
    }),
  );
}

// ---- evolve ---------------------------------------------------------------------------------

type Store<T> = MapStore<RecordId, T>;
type Draft = {
  reports: Store<V.ViolationReport>;
  requests: Store<V.InformationRequest>;
  sealedReporters: Store<V.SealedReporter>;
};

/** One event: the maps are persistent, so an update does not copy the others. */
export function evolveViolations(state: V.ViolationsState, e: V.ViolationEvent): V.ViolationsState {
  const draft = {
    reports: new MapDraft(state.reports),
    requests: new MapDraft(state.requests),
    sealedReporters: new MapDraft(state.sealedReporters),
  };
  apply(draft, e);
  return {
    reports: draft.reports.map,
    requests: draft.requests.map,
    sealedReporters: draft.sealedReporters.map,
  };
}

/** The state after `events`, built in one pass (no copy per event). */
export function projectViolations(events: Iterable<V.ViolationEvent>): V.ViolationsState {
  const draft = { reports: new Map(), requests: new Map(), sealedReporters: new Map() };
  for (const e of events) apply(draft, e);
  return draft;
}

function updateReport(d: Draft, id: RecordId, f: (r: V.ViolationReport) => V.ViolationReport): void {
  const r = d.reports.get(id);
  if (r) d.reports.set(id, f(r));
}

function apply(d: Draft, e: V.ViolationEvent): void {
  switch (e.type) {
    case 'ViolationReported':
      d.reports.set(e.record, {
        ...{ id: e.record, reportingParty: e.owner, shielded: e.data.shielded, reportedAt: e.at },
        reporter: e.data.shielded ? null : e.by.person,
        ...{ time: e.data.time, place: e.data.place, kind: e.data.kind, perpetrator: e.data.perpetrator },
        ...{ casualties: e.data.casualties, narrative: e.data.narrative, evidence: e.data.evidence },
        ...{ assessments: new Map(), withdrawn: null },
      });
      return;
    case 'ReporterSealed':
      d.sealedReporters.set(e.record, {
        ...{ id: e.record, violation: e.data.violation, owner: e.owner },
        ...{ reporter: e.data.reporter, revealedAt: null },
      });
      return;
    case 'ReporterRevealed': {
      const s = d.sealedReporters.get(e.record);
      if (s) d.sealedReporters.set(e.record, { ...s, revealedAt: e.at });
      updateReport(d, e.data.violation, (r) => ({ ...r, reporter: e.data.reporter }));
      return;
    }
    case 'ViolationAssessed':
      updateReport(d, e.record, (r) => {
        const a = { assessment: e.data.assessment, reason: e.data.reason, at: e.at, by: e.by.person };
        return { ...r, assessments: new Map(r.assessments).set(e.by.party, a) };
      });
      return;
    case 'ViolationEvidenceAdded':
      updateReport(d, e.record, (r) => ({ ...r, evidence: [...r.evidence, ...e.data.evidence] }));
      return;
    case 'ViolationReportWithdrawn':
      updateReport(d, e.record, (r) => ({ ...r, withdrawn: { at: e.at, reason: e.data.reason } }));
      return;
    case 'InformationRequested':
      d.requests.set(e.record, {
        ...{ id: e.record, violation: e.data.violation, from: e.owner, to: e.data.to },
        ...{ question: e.data.question, requestedAt: e.at, deadline: e.data.deadline, answer: null },
      });
      return;
    case 'InformationProvided': {
      const q = d.requests.get(e.record);
      if (q) d.requests.set(e.record, { ...q, answer: { at: e.at, text: e.data.answer, by: e.by.person } });
      return;
    }
  }
}
