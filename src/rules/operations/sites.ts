/** Protected sites: registration, withdrawal, disputes and their answers. */
import { accept, refuse } from '../model.ts';
import type { RootState } from '../state.ts';
import { access } from '../visibility.ts';
import type { CommandOf } from './commands.ts';
import type { OperationsEvent } from './events.ts';
import { emit, needsRole, type OpsContext, type OpsDecision } from './context.ts';

export function registerSite(
  _: RootState,
  c: CommandOf<'RegisterProtectedSite'>,
  ctx: OpsContext,
): OpsDecision {
  const denied = needsRole(ctx, 'operator', 'liaison');
  if (denied) return denied;
  const category = ctx.policy.protectedSites.categories.find((k) => k.id === c.category);
  if (!category)
    return refuse('NOT_ALLOWED_BY_POLICY', `unknown protected-site category "${c.category}"`, [
      {
        pointer: '/category',
        reason: `expected one of ${ctx.policy.protectedSites.categories.map((k) => k.id).join(', ')}`,
      },
    ]);
  const data = {
    name: c.name ?? null,
    category: c.category,
    geometry: c.geometry,
    bufferM: c.bufferM ?? category.defaultBufferM,
  };
  return accept(emit(ctx, 'ProtectedSiteRegistered', ctx.newId(), data, { release: c.release }));
}

export function withdrawSite(
  s: RootState,
  c: CommandOf<'WithdrawProtectedSite'>,
  ctx: OpsContext,
): OpsDecision {
  const denied = needsRole(ctx, 'operator', 'liaison', 'approver');
  if (denied) return denied;
  const site = s.operations.sites.get(c.site);
  if (!site || access(ctx.actor.party, site) !== 'full')
    return refuse('NOT_FOUND', `no protected site ${c.site}`);
  if (site.owner !== ctx.actor.party)
    return refuse('NOT_AUTHORIZED', 'only the owner party withdraws a site');
  if (site.withdrawnAt !== null) return refuse('INVALID_STATE', 'the site is already withdrawn');
  const data = { reason: c.reason ?? null };
  return accept(emit(ctx, 'ProtectedSiteWithdrawn', site.id, data, { release: site.release }));
}

export function disputeSite(
  s: RootState,
  c: CommandOf<'DisputeProtectedSite'>,
  ctx: OpsContext,
): OpsDecision {
  const denied = needsRole(ctx, 'operator', 'approver', 'liaison');
  if (denied) return denied;
  const site = s.operations.sites.get(c.site);
  // A site the actor may not see does not exist for them: the refusal must not confirm it.
  if (!site || access(ctx.actor.party, site) !== 'full')
    return refuse('NOT_FOUND', `no protected site ${c.site}`);
  if (site.owner === ctx.actor.party) return refuse('INVALID_STATE', 'a party cannot dispute its own site');
  if (site.withdrawnAt !== null) return refuse('INVALID_STATE', 'the site is withdrawn');
  const data = { site: site.id, siteOwner: site.owner, reason: c.reason };
  return accept(emit(ctx, 'ProtectedSiteDisputed', ctx.newId(), data));
}

export function answerDispute(s: RootState, c: CommandOf<'AnswerDispute'>, ctx: OpsContext): OpsDecision {
  const denied = needsRole(ctx, 'operator', 'approver', 'liaison');
  if (denied) return denied;
  const dispute = s.operations.disputes.get(c.dispute);
  if (!dispute) return refuse('NOT_FOUND', `no dispute ${c.dispute}`);
  if (dispute.siteOwner !== ctx.actor.party) return refuse('NOT_AUTHORIZED', "only the site's owner answers");
  if (dispute.answer !== null) return refuse('ALREADY_DECIDED', 'the dispute is already answered');
  const answered = emit(ctx, 'DisputeAnswered', dispute.id, {
    site: dispute.site,
    outcome: c.outcome,
    reason: c.reason,
  });
  const site = s.operations.sites.get(dispute.site);
  if (c.outcome === 'maintained' || !site || site.withdrawnAt !== null) return accept(answered);
  const withdrawn = emit(
    ctx,
    'ProtectedSiteWithdrawn',
    site.id,
    { reason: `dispute: ${c.reason}` },
    { release: site.release },
  );
  return accept<OperationsEvent>(answered, withdrawn);
}
