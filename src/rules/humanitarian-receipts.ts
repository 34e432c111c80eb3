/**
 * Receipts owed on humanitarian notices. Every party other than the notifying one acknowledges
 * each version of a notice; once the policy's receipt deadline has passed without a receipt, the
 * notice is overdue (a pure function of state and `now`), and `escalateOverdueReceipts` turns each
 * overdue version into one joint `ReceiptsEscalated` event, for a scheduler to call as often as it
 * likes (a version is escalated once).
 */
import type { EpochMs, PartyId, RecordId } from '../core/index.ts';
import { accept, type DecideContext, type Decision } from './model.ts';
import { current } from './humanitarian.ts';
import type {
  HumanitarianPolicy,
  HumanitarianState,
  Notice,
  ReceiptsEscalated,
} from './humanitarian-model.ts';

export interface OverdueReceipt {
  readonly notice: RecordId;
  readonly owner: PartyId;
  readonly version: number;
  readonly notifiedAt: EpochMs;
  readonly dueAt: EpochMs;
  readonly overdueByMs: number;
  /** Parties that have not acknowledged the version in force. */
  readonly missing: readonly PartyId[];
  readonly escalated: boolean;
}

/** Parties that still owe a receipt for the version of `notice` in force. */
export function receiptsOwed(notice: Notice, parties: readonly PartyId[]): PartyId[] {
  const v = current(notice).version;
  const given = new Set(notice.receipts.filter((r) => r.version === v).map((r) => r.party));
  return parties.filter((p) => p !== notice.owner && !given.has(p));
}

/** Notices (not cancelled) whose version in force lacks a receipt past the deadline at `now`. */
export function overdueReceipts(
  state: HumanitarianState,
  policy: HumanitarianPolicy,
  now: EpochMs,
): OverdueReceipt[] {
  const out: OverdueReceipt[] = [];
  for (const n of state.notices.values()) {
    if (n.cancelled) continue;
    const v = current(n);
    const dueAt = (v.at + policy.receiptDeadlineMs) as EpochMs;
    if (now <= dueAt) continue;
    const missing = receiptsOwed(n, policy.parties);
    if (missing.length === 0) continue;
    const escalated = n.escalations.some((x) => x.version === v.version);
    const base = { notice: n.id, owner: n.owner, version: v.version, notifiedAt: v.at };
    out.push({ ...base, dueAt, overdueByMs: now - dueAt, missing, escalated });
  }
  return out.sort((a, b) => a.dueAt - b.dueAt || (a.notice < b.notice ? -1 : 1));
}

/**
 * One `ReceiptsEscalated` event per overdue version not yet escalated. The event belongs to the
 * notifying party (it is that party's notice going unanswered); `by` is whoever runs the check.
 */
export function escalateOverdueReceipts(
  state: HumanitarianState,
  ctx: DecideContext<HumanitarianPolicy>,
): Decision<ReceiptsEscalated> {
  const events = overdueReceipts(state, ctx.policy, ctx.now)
    .filter((o) => !o.escalated)
    .map((o): ReceiptsEscalated => ({
      type: 'ReceiptsEscalated',
      record: ctx.newId(),
      owner: o.owner,
      release: 'joint',
      at: ctx.now,
      by: { person: ctx.actor.id, party: ctx.actor.party },
      data: { notice: o.notice, version: o.version, dueAt: o.dueAt, missing: o.missing },
    }));
  return accept(...events);
}
