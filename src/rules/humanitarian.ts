/**
 * Humanitarian access: liaisons notify sites and movements, other parties acknowledge them,
 * outcomes are recorded, and active notices protect like protected sites.
 *
 * Notices are joint: their purpose is that every party knows them. A notice given with less than
 * the policy's lead time is accepted and marked late (`timing.late`), never dropped. An amendment
 * is a new version of the same record: receipts name the version they acknowledge, so the record
 * shows which coordinates each party was shown (see `humanitarian-record.ts`).
 */
import type { EpochMs, RecordId } from '../core/index.ts';
import { accept, refuse, type DecideContext, type Decision, type Protection } from './model.ts';
import { detailsIssues, outcomeIssues, timing } from './humanitarian-checks.ts';
import type * as H from './humanitarian-model.ts';
import type { TimeWindow } from './violations-model.ts';

export { emptyHumanitarian, evolveHumanitarian, projectHumanitarian } from './humanitarian-evolve.ts';

type Ctx = DecideContext<H.HumanitarianPolicy>;
type Out = Decision<H.HumanitarianEvent>;

/** Open-ended protection windows end here, so that windows stay plain numbers. */
export const OPEN_END = Number.MAX_SAFE_INTEGER as EpochMs;

export function decideHumanitarian(
  state: H.HumanitarianState,
  command: H.HumanitarianCommand,
  ctx: Ctx,
): Out {
  switch (command.type) {
    case 'NotifySite':
      return notify({ subject: 'site', site: command.site }, ctx);
    case 'NotifyMovement':
      return notify({ subject: 'movement', movement: command.movement }, ctx);
    case 'AmendNotice':
      return amend(state, command, ctx);
    case 'AcknowledgeNotice':
      return acknowledge(state, command, ctx);
    case 'CancelNotice':
      return cancel(state, command, ctx);
    case 'RecordOutcome':
      return recordOutcome(state, command, ctx);
  }
}

function event<T extends H.HumanitarianEvent>(
  ctx: Ctx,
  type: T['type'],
  record: RecordId,
  data: T['data'],
): T {
  const by = { person: ctx.actor.id, party: ctx.actor.party };
  return { type, record, owner: ctx.actor.party, release: 'joint', at: ctx.now, by, data } as T;
}

/** The details as recorded: a site's buffer is fixed from the policy when the notice gives none. */
function resolved(d: H.NoticeDetails, policy: H.HumanitarianPolicy): H.NoticeDetails {
  if (d.subject === 'movement' || d.site.bufferM !== undefined) return d;
  return { subject: 'site', site: { ...d.site, bufferM: policy.siteBuffersM[d.site.category] } };
}

function checkLiaison(ctx: Ctx): Out | null {
  if (!ctx.actor.roles.includes('liaison')) return refuse('NOT_AUTHORIZED', 'notices are given by liaisons');
  if (!ctx.policy.parties.includes(ctx.actor.party))
    return refuse('NOT_AUTHORIZED', 'only parties to the agreement give notices');
  return null;
}

function notify(details: H.NoticeDetails, ctx: Ctx): Out {
  const denied = checkLiaison(ctx);
  if (denied) return denied;
  const issues = detailsIssues(details, '');
  if (issues.length > 0) return refuse('INVALID_INPUT', 'the notice is invalid', issues);
  const d = resolved(details, ctx.policy);
  return accept(
    event<H.NoticeGiven>(ctx, 'NoticeGiven', ctx.newId(), {
      version: 1,
      details: d,
      timing: timing(d, ctx.policy, ctx.now),
    }),
  );
}

function find(state: H.HumanitarianState, id: RecordId): H.Notice | Out {
  const n = state.notices.get(id);
  if (!n)
    return refuse('NOT_FOUND', `no humanitarian notice ${id}`, [{ pointer: '/notice', reason: 'unknown' }]);
  return n;
}

/** The version of a notice in force (the latest). */
export function current(n: H.Notice): H.NoticeVersion {
  const v = n.versions[n.versions.length - 1];
  if (!v) throw new Error(`notice ${n.id} has no version`); // evolve never builds one without
  return v;
}

function amend(state: H.HumanitarianState, c: H.AmendNotice, ctx: Ctx): Out {
  const n = find(state, c.notice);
  if ('ok' in n) return n;
  const denied = checkLiaison(ctx);
  if (denied) return denied;
  if (n.owner !== ctx.actor.party)
    return refuse('NOT_AUTHORIZED', 'only the notifying party amends its notice');
  if (n.cancelled) return refuse('INVALID_STATE', 'the notice was cancelled');
  if (current(n).details.subject !== c.details.subject)
    return refuse('INVALID_INPUT', 'an amendment keeps the subject', [
      { pointer: '/details/subject', reason: 'changed' },
    ]);
  const issues = detailsIssues(c.details, '/details');
  if (issues.length > 0) return refuse('INVALID_INPUT', 'the amendment is invalid', issues);
  const d = resolved(c.details, ctx.policy);
  const version = current(n).version + 1;
  return accept(
    event<H.NoticeAmended>(ctx, 'NoticeAmended', n.id, {
      version,
      details: d,
      timing: timing(d, ctx.policy, ctx.now),
    }),
  );
}

function acknowledge(state: H.HumanitarianState, c: H.AcknowledgeNotice, ctx: Ctx): Out {
  const n = find(state, c.notice);
  if ('ok' in n) return n;
  const party = ctx.actor.party;
  if (n.owner === party || !ctx.policy.parties.includes(party))
    return refuse('NOT_AUTHORIZED', 'receipts are given by the other parties to the agreement');
  if (n.cancelled) return refuse('INVALID_STATE', 'the notice was cancelled');
  const v = current(n).version;
  if (c.version !== v)
    return refuse('CONFLICT', `version ${c.version} is not the one in force (${v})`, [
      { pointer: '/version', reason: `must be ${v}` },
    ]);
  if (n.receipts.some((r) => r.party === party && r.version === v))
    return refuse('ALREADY_DECIDED', `party ${party} already acknowledged version ${v}`);
  return accept(
    event<H.NoticeAcknowledged>(ctx, 'NoticeAcknowledged', ctx.newId(), { notice: n.id, version: v }),
  );
}

function cancel(state: H.HumanitarianState, c: H.CancelNotice, ctx: Ctx): Out {
  const n = find(state, c.notice);
  if ('ok' in n) return n;
  if (n.owner !== ctx.actor.party || !ctx.actor.roles.includes('liaison'))
    return refuse('NOT_AUTHORIZED', "only the notifying party's liaison cancels its notice");
  if (n.cancelled) return refuse('ALREADY_DECIDED', 'the notice was already cancelled');
  if (c.reason.trim() === '')
    return refuse('INVALID_INPUT', 'a cancellation needs a reason', [
      { pointer: '/reason', reason: 'must not be empty' },
    ]);
  return accept(event<H.NoticeCancelled>(ctx, 'NoticeCancelled', n.id, { reason: c.reason }));
}

function recordOutcome(state: H.HumanitarianState, c: H.RecordOutcome, ctx: Ctx): Out {
  const n = find(state, c.notice);
  if ('ok' in n) return n;
  if (!ctx.policy.parties.includes(ctx.actor.party))
    return refuse('NOT_AUTHORIZED', 'only parties record outcomes');
  const issues = outcomeIssues(c, ctx.policy);
  if (!(c.at <= ctx.now)) issues.push({ pointer: '/at', reason: 'must not be in the future' });
  if (issues.length > 0) return refuse('INVALID_INPUT', 'the outcome is invalid', issues);
  const { outcome, where, deniedBy, narrative, evidence } = c;
  return accept(
    event<H.OutcomeRecorded>(ctx, 'OutcomeRecorded', ctx.newId(), {
      ...{ notice: n.id, outcome, happenedAt: c.at },
      ...{ where, deniedBy, narrative, evidence },
    }),
  );
}

// ---- protection -----------------------------------------------------------------------------

/** When a notice protects: its activity, cut short by a cancellation. */
export function protectionWindow(n: H.Notice): TimeWindow {
  const d = current(n).details;
  const from = d.subject === 'site' ? d.site.active.from : d.movement.window.from;
  const to = d.subject === 'site' ? (d.site.active.to ?? OPEN_END) : d.movement.window.to;
  return { from, to: n.cancelled ? (Math.min(to, n.cancelled.at) as EpochMs) : to };
}

function protectionOf(n: H.Notice, window: TimeWindow): Protection {
  const d = current(n).details;
  const base = { id: n.id, owner: n.owner, release: 'joint' as const, window };
  if (d.subject === 'movement')
    return {
      ...base,
      kind: 'movement',
      category: d.movement.kind,
      geometry: d.movement.route,
      bufferM: d.movement.corridorWidthM / 2,
    };
  return {
    ...base,
    kind: 'humanitarian_site',
    category: d.site.category,
    geometry: d.site.geometry,
    bufferM: d.site.bufferM ?? 0,
  };
}

/**
 * The places humanitarian notices protect at `at` (an instant, or any moment of a window): a
 * site while active, a movement's corridor (half its width either side of the route) during its
 * window, in the version in force. Receipts do not matter: a notice given protects, acknowledged
 * or not. Bounds are inclusive, so a check at the very edge of a window errs on the side of
 * protection.
 */
export function activeProtections(state: H.HumanitarianState, at: EpochMs | TimeWindow): Protection[] {
  const q = typeof at === 'number' ? { from: at, to: at } : at;
  const out: Protection[] = [];
  for (const n of state.notices.values()) {
    const w = protectionWindow(n);
    if (w.from <= q.to && q.from <= w.to && w.to > w.from) out.push(protectionOf(n, w));
  }
  return out;
}
