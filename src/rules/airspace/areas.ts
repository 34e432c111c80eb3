/** Designated areas: registered by a party or the joint center, joint, withdrawn by their owner. */
import { accept, refuse } from '../model.ts';
import type { RootState } from '../state.ts';
import type { AirspaceCommandOf } from './commands.ts';
import { emit, type AirContext, type AirDecision } from './context.ts';

/** The whole column: from below the Dead Sea to above any aircraft's ceiling. */
export const WHOLE_COLUMN = { minM: -500, maxM: 30_000 } as const;

export function registerArea(
  _: RootState,
  c: AirspaceCommandOf<'RegisterDesignatedArea'>,
  ctx: AirContext,
): AirDecision {
  if (!ctx.actor.roles.some((r) => r === 'operator' || r === 'approver'))
    return refuse('NOT_AUTHORIZED', 'needs the role operator or approver');
  const known = ctx.policy.designatedAreas;
  const issues = [
    ...(c.restrictedActors ?? []).flatMap((a, i) =>
      known.restrictedActors.some((k) => k.id === a)
        ? []
        : [{ pointer: `/restrictedActors/${i}`, reason: `not a restricted actor of the agreement` }],
    ),
    ...(c.exemptions ?? []).flatMap((x, i) =>
      known.exemptions.includes(x)
        ? []
        : [{ pointer: `/exemptions/${i}`, reason: 'not an exemption of the agreement' }],
    ),
  ];
  if (issues.length > 0)
    return refuse('NOT_ALLOWED_BY_POLICY', 'the area names what the agreement does not', issues);
  const data = {
    name: c.name,
    area: c.area,
    window: c.window,
    band: c.band ?? WHOLE_COLUMN,
    restrictedActors: c.restrictedActors ?? known.restrictedActors.map((a) => a.id),
    exemptions: c.exemptions ?? [...known.exemptions],
  };
  return accept(emit(ctx, 'DesignatedAreaRegistered', ctx.newId(), data));
}

export function withdrawArea(
  s: RootState,
  c: AirspaceCommandOf<'WithdrawDesignatedArea'>,
  ctx: AirContext,
): AirDecision {
  const a = s.airspace.areas.get(c.area);
  if (!a) return refuse('NOT_FOUND', `no designated area ${c.area}`);
  if (a.owner !== ctx.actor.party)
    return refuse('NOT_AUTHORIZED', 'only the registering party withdraws an area');
  if (a.withdrawnAt !== null) return refuse('INVALID_STATE', 'the area is already withdrawn');
  return accept(emit(ctx, 'DesignatedAreaWithdrawn', a.id, { reason: c.reason ?? null }));
}
