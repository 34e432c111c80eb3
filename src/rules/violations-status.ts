/**
 * What follows from the record of a violation report without being stored: its status, and the
 * requests for information still waiting for an answer at a given moment.
 *
 * Status, in order of precedence:
 *
 * 1. `dismissed`   the reporting party withdrew the report, or every party assessed it `disputed`
 *                  (nobody, the reporter included, stands behind it);
 * 2. `reported`    no party has assessed it yet and nobody has asked for information on it;
 * 3. `under_review` some party has not assessed it yet, some party's latest assessment is
 *                  `needs_information`, or a request for information on it is unanswered;
 * 4. `confirmed`   every party's latest assessment is `confirmed`;
 * 5. `disputed`    every party has assessed it, and they disagree (some confirm, some dispute).
 *
 * Only each party's latest assessment counts; a party may change its mind, and the ledger keeps
 * every earlier one.
 */
import type { EpochMs, PartyId, RecordId } from '../core/index.ts';
import type {
  InformationRequest,
  ViolationReport,
  ViolationsState,
  ViolationStatus,
} from './violations-model.ts';

export function violationStatus(
  report: ViolationReport,
  parties: readonly PartyId[],
  openRequests = false,
): ViolationStatus {
  if (report.withdrawn) return 'dismissed';
  const latest = parties.map((p) => report.assessments.get(p)?.assessment);
  if (latest.length > 0 && latest.every((a) => a === 'disputed')) return 'dismissed';
  if (!openRequests && latest.every((a) => a === undefined)) return 'reported';
  if (openRequests || latest.some((a) => a === undefined || a === 'needs_information')) return 'under_review';
  return latest.every((a) => a === 'confirmed') ? 'confirmed' : 'disputed';
}

/** The status of every report in the state, accounting for unanswered requests. */
export function violationStatuses(
  state: ViolationsState,
  parties: readonly PartyId[],
): ReadonlyMap<RecordId, ViolationStatus> {
  const open = new Set<RecordId>();
  for (const q of state.requests.values()) if (q.answer === null) open.add(q.violation);
  const out = new Map<RecordId, ViolationStatus>();
  for (const r of state.reports.values()) out.set(r.id, violationStatus(r, parties, open.has(r.id)));
  return out;
}

export interface PendingRequest {
  readonly request: InformationRequest;
  readonly overdue: boolean;
  /** Milliseconds past the deadline (0 when not overdue). */
  readonly overdueByMs: number;
}

/**
 * Requests for information not answered at `now`, oldest deadline first, each marked overdue
 * once its deadline has passed. Requests on withdrawn reports are no longer waited for.
 */
export function pendingInformationRequests(state: ViolationsState, now: EpochMs): PendingRequest[] {
  const out: PendingRequest[] = [];
  for (const q of state.requests.values()) {
    if (q.answer !== null && q.answer.at <= now) continue;
    if (q.requestedAt > now || state.reports.get(q.violation)?.withdrawn) continue;
    const overdueByMs = Math.max(0, now - q.deadline);
    out.push({ request: q, overdue: overdueByMs > 0, overdueByMs });
  }
  return out.sort(
    (a, b) => a.request.deadline - b.request.deadline || (a.request.id < b.request.id ? -1 : 1),
  );
}
