/** Synchronized notices (no approval, deconfliction alerts) and receipts of crossing records. */
import type { EpochMs, PartyId, RecordId } from '../../core/index.ts';
import type { Agreement } from '../../policy/index.ts';
import { touching } from '../geometry.ts';
import { accept, refuse } from '../model.ts';
import { protectionIndex } from '../protections.ts';
import type { RootState } from '../state.ts';
import type { CommandOf } from './commands.ts';
import { conflictsNear, overlaps } from './conflicts.ts';
import { emit, needsRole, parties, type OpsContext, type OpsDecision } from './context.ts';
import type { DeconflictionAlerted, NoticeSent, OperationsEvent } from './events.ts';

function alerts(s: RootState, notice: NoticeSent, ctx: OpsContext): DeconflictionAlerted[] {
  const me = ctx.actor.party;
  const pair = (other: PartyId): PartyId[] => (other === me ? [me] : [me, other]);
  const fromNotices = [...s.operations.notices.values()]
    .filter((n) => n.owner !== me && overlaps(notice.data.window, n.window))
    .filter((n) => touching(notice.data.area, n.area))
    .map((n) =>
      emit(ctx, 'DeconflictionAlerted', ctx.newId(), {
        notice: notice.record,
        parties: pair(n.owner),
        against: { kind: 'notice', notice: n.id, party: n.owner },
      }),
    );
  const fromProtections = conflictsNear(
    ctx.policy,
    protectionIndex(s),
    notice.data.area,
    notice.data.window,
    ctx.now,
  ).map((conflict) =>
    emit(ctx, 'DeconflictionAlerted', ctx.newId(), {
      notice: notice.record,
      parties: pair(conflict.owner),
      against: { kind: 'protection', conflict },
    }),
  );
  return [...fromNotices, ...fromProtections];
}

export function sendNotice(s: RootState, c: CommandOf<'SendNotice'>, ctx: OpsContext): OpsDecision {
  const denied = needsRole(ctx, 'operator');
  if (denied) return denied;
  const group = ctx.policy.groups.find((g) => g.id === c.group);
  if (!group)
    return refuse('NOT_FOUND', `unknown designated group "${c.group}"`, [
      { pointer: '/group', reason: 'unknown group' },
    ]);
  if (group.mode !== 'synchronized')
    return refuse('NOT_ALLOWED_BY_POLICY', `${group.id} is ${group.mode}: nominate a target instead`, [
      { pointer: '/group', reason: 'not a synchronized group' },
    ]);
  const data = { group: group.id, area: c.area, window: c.window, remarks: c.remarks ?? null };
  const notice = emit(ctx, 'NoticeSent', ctx.newId(), data);
  return accept<OperationsEvent>(notice, ...alerts(s, notice, ctx));
}

export function acknowledge(s: RootState, c: CommandOf<'AcknowledgeReceipt'>, ctx: OpsContext): OpsDecision {
  const n = s.operations.notifications.get(c.record);
  if (!n) return refuse('NOT_FOUND', `no notification ${c.record}`);
  if (n.owner === ctx.actor.party)
    return refuse('INVALID_STATE', 'a party does not acknowledge its own notification');
  if (n.receipts.has(ctx.actor.party))
    return refuse('ALREADY_DECIDED', `${ctx.actor.party} has already acknowledged`);
  return accept(emit(ctx, 'ReceiptAcknowledged', n.record, { party: ctx.actor.party }));
}

export interface ReceiptRow {
  readonly record: RecordId;
  readonly type: string;
  readonly owner: PartyId;
  readonly party: PartyId;
  readonly sentAt: EpochMs;
  readonly status: 'acknowledged' | 'awaiting' | 'overdue';
  readonly acknowledgedAt: EpochMs | null;
}

/** Every crossing record and each receiving party's receipt; `overdue` past the policy's deadline. */
export function receipts(s: RootState, policy: Agreement, now: EpochMs): ReceiptRow[] {
  const deadlineMs = policy.receipts.deadlineMinutes * 60_000;
  return [...s.operations.notifications.values()].flatMap((n) =>
    parties(policy)
      .filter((p) => p !== n.owner)
      .map((party) => {
        const at = n.receipts.get(party) ?? null;
        const status = at !== null ? 'acknowledged' : now - n.sentAt > deadlineMs ? 'overdue' : 'awaiting';
        return {
          record: n.record,
          type: n.type,
          owner: n.owner,
          party,
          sentAt: n.sentAt,
          status,
          acknowledgedAt: at,
        };
      }),
  );
}
