/**
 * Transitions of the live air picture, recorded as events: one at the start of an incursion and
 * one at its end, one when a pair of aircraft is predicted to lose separation and one when the
 * prediction clears. Reports repeating an open transition are refused, so a monitor restarted over
 * a picture already recorded cannot double an alert.
 */
import type { EpochMs, PartyId } from '../../core/index.ts';
import type { Agreement } from '../../policy/index.ts';
import { accept, refuse } from '../model.ts';
import type { RootState } from '../state.ts';
import type { AirspaceCommandOf } from './commands.ts';
import { emit, type AirContext, type AirDecision } from './context.ts';
import { incursionKey, pairKey } from './state.ts';

const monitorOnly = (ctx: AirContext): AirDecision | null =>
  ctx.actor.roles.includes('monitor') ? null : refuse('NOT_AUTHORIZED', 'needs the role monitor');

/** Who is told of an alert over two actors: their parties, or every party when one is not a party. */
export function alertParties(policy: Agreement, actors: readonly string[]): PartyId[] {
  const all = policy.parties.map((p) => p.id);
  const mine = all.filter((p) => actors.includes(p));
  return mine.length === new Set(actors).size ? mine : all;
}

export function reportIncursion(
  s: RootState,
  c: AirspaceCommandOf<'ReportIncursion'>,
  ctx: AirContext,
): AirDecision {
  const denied = monitorOnly(ctx);
  if (denied) return denied;
  if (!s.airspace.areas.has(c.area)) return refuse('NOT_FOUND', `no designated area ${c.area}`);
  if (s.airspace.openIncursions.has(incursionKey(c.aircraft, c.area)))
    return refuse('ALREADY_DECIDED', `an incursion of ${c.aircraft} in ${c.area} is already open`);
  const { aircraft, actor, area, enteredAt, position, cause, flight, source } = c;
  const data = { aircraft, actor, area, enteredAt, position, cause, flight, source };
  return accept(emit(ctx, 'IncursionDetected', ctx.newId(), data));
}

export function reportIncursionEnded(
  s: RootState,
  c: AirspaceCommandOf<'ReportIncursionEnded'>,
  ctx: AirContext,
): AirDecision {
  const denied = monitorOnly(ctx);
  if (denied) return denied;
  const id = s.airspace.openIncursions.get(incursionKey(c.aircraft, c.area));
  const open = id === undefined ? undefined : s.airspace.incursions.get(id);
  if (!open) return refuse('NOT_FOUND', `no open incursion of ${c.aircraft} in ${c.area}`);
  const exitedAt = Math.max(c.exitedAt, open.enteredAt) as EpochMs;
  const dwellS = Math.round((exitedAt - open.enteredAt) / 1000);
  const data = {
    aircraft: c.aircraft,
    area: c.area,
    enteredAt: open.enteredAt,
    exitedAt,
    dwellS,
    cause: c.cause,
  };
  return accept(emit(ctx, 'IncursionEnded', open.id, data));
}

export function reportSeparationRisk(
  s: RootState,
  c: AirspaceCommandOf<'ReportSeparationRisk'>,
  ctx: AirContext,
): AirDecision {
  const denied = monitorOnly(ctx);
  if (denied) return denied;
  if (s.airspace.openSeparations.has(pairKey(c.aircraft[0], c.aircraft[1])))
    return refuse('ALREADY_DECIDED', 'an alert for this pair is already open');
  const data = {
    aircraft: c.aircraft,
    actors: c.actors,
    parties: alertParties(ctx.policy, c.actors),
    detectedAt: c.detectedAt,
    lossAt: c.lossAt,
    cpaAt: c.cpaAt,
    cpaDistanceM: Math.round(c.cpaDistanceM),
    cpaVerticalM: Math.round(c.cpaVerticalM),
  };
  return accept(emit(ctx, 'SafetyOfFlightAlerted', ctx.newId(), data));
}

export function reportSeparationCleared(
  s: RootState,
  c: AirspaceCommandOf<'ReportSeparationCleared'>,
  ctx: AirContext,
): AirDecision {
  const denied = monitorOnly(ctx);
  if (denied) return denied;
  const id = s.airspace.openSeparations.get(pairKey(c.aircraft[0], c.aircraft[1]));
  if (id === undefined) return refuse('NOT_FOUND', 'no open alert for this pair');
  return accept(emit(ctx, 'SafetyOfFlightCleared', id, { aircraft: c.aircraft, clearedAt: c.clearedAt }));
}
