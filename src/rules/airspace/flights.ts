/**
 * Flight notifications: filed with the agreement's lead time, deconflicted in 4-D against every
 * other filed route at once (both owners alerted before anyone flies), acknowledged by every other
 * party through the shared receipts, cancelled by their owner.
 */
import { epochMs, type PartyId } from '../../core/index.ts';
import type { Agreement } from '../../policy/index.ts';
import { accept, refuse } from '../model.ts';
import type { RootState } from '../state.ts';
import type { AirspaceCommandOf } from './commands.ts';
import { emit, type AirContext, type AirDecision } from './context.ts';
import type { AirspaceEvent, FlightFiled } from './events.ts';
import { routeConflict, type Route4D } from './geometry.ts';
import type { Flight } from './state.ts';

export function leadTimeMs(policy: Agreement, category: string | null): number {
  const exempt = category === null ? undefined : policy.flights.exemptLeadTimeMinutes[category];
  return (exempt ?? policy.flights.leadTimeMinutes) * 60_000;
}

const asRoute = (f: { readonly route: Flight['route']; readonly band: Flight['band'] }): Route4D => ({
  points: f.route,
  band: f.band,
});

function isActor(policy: Agreement, actor: string): 'party' | 'restricted' | null {
  if (policy.parties.some((p) => p.id === actor)) return 'party';
  return policy.designatedAreas.restrictedActors.some((a) => a.id === actor) ? 'restricted' : null;
}

function check(c: AirspaceCommandOf<'FileFlight'>, ctx: AirContext): AirDecision | null {
  const roles = ctx.actor.roles;
  const liaisonOnly = !roles.includes('operator') && roles.includes('liaison');
  if (!roles.includes('operator') && !liaisonOnly)
    return refuse('NOT_AUTHORIZED', 'needs the role operator or liaison');
  if (liaisonOnly && c.category !== 'HUMANITARIAN')
    return refuse('NOT_AUTHORIZED', 'a liaison files humanitarian flights only', [
      { pointer: '/category', reason: 'expected HUMANITARIAN' },
    ]);
  const kind = isActor(ctx.policy, c.actor);
  if (kind === null)
    return refuse('NOT_FOUND', `unknown actor "${c.actor}"`, [
      { pointer: '/actor', reason: 'not a party or restricted actor' },
    ]);
  if (kind === 'party' && c.actor !== ctx.actor.party)
    return refuse('NOT_AUTHORIZED', "a party files its own flights, not another party's", [
      { pointer: '/actor', reason: 'another party' },
    ]);
  if (c.category !== undefined && !ctx.policy.designatedAreas.exemptions.includes(c.category))
    return refuse('NOT_ALLOWED_BY_POLICY', `"${c.category}" is not an exemption category of the agreement`, [
      { pointer: '/category', reason: `expected one of ${ctx.policy.designatedAreas.exemptions.join(', ')}` },
    ]);
  const first = c.route[0]!.time;
  const lead = leadTimeMs(ctx.policy, c.category ?? null);
  if (first - ctx.now < lead)
    return refuse('NOT_ALLOWED_BY_POLICY', `a flight needs ${lead / 60_000} minutes of notice`, [
      { pointer: '/route/0/time', reason: `must be at least ${lead / 60_000} minutes after filing` },
    ]);
  return null;
}

function deconflict(s: RootState, filed: FlightFiled, ctx: AirContext): AirspaceEvent[] {
  const { lateralM, verticalM } = ctx.policy.safetyOfFlight;
  const me = ctx.actor.party;
  const pair = (other: PartyId): PartyId[] => (other === me ? [me] : [me, other]);
  return [...s.airspace.flights.values()]
    .filter((f) => f.cancelledAt === null && f.aircraft !== filed.data.aircraft)
    .flatMap((f) => {
      const hit = routeConflict(asRoute(filed.data), asRoute(f), lateralM, verticalM);
      if (!hit) return [];
      const data = {
        flight: filed.record,
        against: f.id,
        parties: pair(f.owner),
        at: epochMs(hit.at),
        distanceM: Math.round(hit.distanceM),
        verticalGapM: hit.verticalGapM,
      };
      return [emit(ctx, 'FlightConflictAlerted', ctx.newId(), data)];
    });
}

export function fileFlight(s: RootState, c: AirspaceCommandOf<'FileFlight'>, ctx: AirContext): AirDecision {
  const refused = check(c, ctx);
  if (refused) return refused;
  const data = {
    actor: c.actor,
    aircraft: c.aircraft,
    route: c.route.map((w) => ({ position: [w.position[0], w.position[1]] as const, at: w.time })),
    band: { minM: c.band.minM, maxM: c.band.maxM },
    category: c.category ?? null,
    remarks: c.remarks ?? null,
  };
  const filed = emit(ctx, 'FlightFiled', ctx.newId(), data);
  return accept<AirspaceEvent>(filed, ...deconflict(s, filed, ctx));
}

export function cancelFlight(
  s: RootState,
  c: AirspaceCommandOf<'CancelFlight'>,
  ctx: AirContext,
): AirDecision {
  const f = s.airspace.flights.get(c.flight);
  if (!f) return refuse('NOT_FOUND', `no flight ${c.flight}`);
  if (f.owner !== ctx.actor.party) return refuse('NOT_AUTHORIZED', 'only the filing party cancels a flight');
  if (f.cancelledAt !== null) return refuse('INVALID_STATE', 'the flight is already cancelled');
  return accept(emit(ctx, 'FlightCancelled', f.id, { reason: c.reason ?? null }));
}
