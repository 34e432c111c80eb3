/**
 * Acknowledging an alert. Every alert concerns some parties: an incursion every party (it is
 * alerted to all), a safety-of-flight risk or a conflict of filed routes the parties it names. A
 * person of a concerned party, of any role, acknowledges it once for that party; the acknowledgement
 * is a joint event on the alert's record, so every party sees who acknowledged it and when.
 */
import type { PartyId, RecordId } from '../../core/index.ts';
import type { Agreement } from '../../policy/index.ts';
import { accept, refuse } from '../model.ts';
import type { RootState } from '../state.ts';
import type { AirspaceCommandOf } from './commands.ts';
import { emit, type AirContext, type AirDecision } from './context.ts';

/** The parties an alert concerns, or undefined when there is no such alert. */
export function alertConcerns(
  s: RootState,
  policy: Agreement,
  alert: RecordId,
): readonly PartyId[] | undefined {
  if (s.airspace.incursions.has(alert)) return policy.parties.map((p) => p.id);
  return s.airspace.separations.get(alert)?.parties ?? s.airspace.conflicts.get(alert)?.parties;
}

export function acknowledgeAlert(
  s: RootState,
  c: AirspaceCommandOf<'AcknowledgeAlert'>,
  ctx: AirContext,
): AirDecision {
  const parties = alertConcerns(s, ctx.policy, c.alert);
  if (parties === undefined) return refuse('NOT_FOUND', `no alert ${c.alert}`);
  const party = ctx.actor.party;
  if (!parties.includes(party))
    return refuse('NOT_AUTHORIZED', `the alert concerns ${parties.join(', ')}, not ${party}`);
  if ((s.airspace.acknowledgements.get(c.alert) ?? []).some((a) => a.party === party))
    return refuse('ALREADY_DECIDED', `${party} has already acknowledged the alert`);
  return accept(emit(ctx, 'AlertAcknowledged', c.alert, { party, remarks: c.remarks ?? null }));
}
