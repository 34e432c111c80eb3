/**
 * What the rest of jig uses of the airspace slice: the records the live monitor loads, and the
 * command that records each of its transitions.
 */
import { epochMs, recordId, type EpochMs } from '../../core/index.ts';
import type { Agreement } from '../../policy/index.ts';
import type { RootState } from '../state.ts';
import type { AirspaceCommand } from './commands.ts';
import { acknowledged } from './context.ts';
import type { AreaRecord, FlightRecord, Transition } from './picture.ts';

/** Designated areas not withdrawn and flights not cancelled, as the monitor needs them. */
export function airspaceRecords(
  s: RootState,
  policy: Agreement,
): { readonly areas: AreaRecord[]; readonly flights: FlightRecord[] } {
  const areas = [...s.airspace.areas.values()]
    .filter((a) => a.withdrawnAt === null)
    .map((a) => ({
      id: a.id,
      area: a.area,
      from: a.window.from,
      to: a.window.to,
      band: a.band,
      restrictedActors: a.restrictedActors,
      exemptions: a.exemptions,
    }));
  const flights = [...s.airspace.flights.values()]
    .filter((f) => f.cancelledAt === null)
    .map((f) => ({
      id: f.id,
      actor: f.actor,
      aircraft: f.aircraft,
      category: f.category,
      route: f.route.map((w) => w.position),
      from: f.route[0]!.at,
      to: f.route.at(-1)!.at,
      band: f.band,
      acknowledged: acknowledged(s, policy, f.id, f.owner),
    }));
  return { areas, flights };
}

const at = (ms: number): EpochMs => epochMs(ms);

/** The command a monitor (a person with the `monitor` role) decides to record a transition. */
export function transitionCommand(t: Transition): AirspaceCommand {
  switch (t.kind) {
    case 'incursion_started':
      return {
        type: 'ReportIncursion',
        aircraft: t.aircraft,
        actor: t.actor,
        area: recordId(t.area),
        enteredAt: at(t.at),
        position: t.position,
        cause: t.cause,
        flight: t.flight === null ? null : recordId(t.flight),
        source: t.source,
      };
    case 'incursion_ended':
      return {
        type: 'ReportIncursionEnded',
        aircraft: t.aircraft,
        area: recordId(t.area),
        exitedAt: at(t.at),
        cause: t.cause,
      };
    case 'separation_risk':
      return {
        type: 'ReportSeparationRisk',
        aircraft: [t.aircraft[0], t.aircraft[1]],
        actors: [t.actors[0], t.actors[1]],
        detectedAt: at(t.at),
        lossAt: at(t.lossAt),
        cpaAt: at(t.cpaAt),
        cpaDistanceM: t.cpaDistanceM,
        cpaVerticalM: t.cpaVerticalM,
      };
    case 'separation_cleared':
      return {
        type: 'ReportSeparationCleared',
        aircraft: [t.aircraft[0], t.aircraft[1]],
        clearedAt: at(t.at),
      };
  }
}

export { AirspaceMonitor, type AircraftView } from './monitor.ts';
export type {
  AreaRecord,
  FlightRecord,
  MonitorOptions,
  TrackReport,
  Transition,
  Verdict,
} from './picture.ts';
export { leadTimeMs } from './flights.ts';
export { alertParties } from './reports.ts';
export type { AirspaceCommand } from './commands.ts';
export type {
  Acknowledgement,
  AirspaceState,
  DesignatedArea,
  Flight,
  FlightConflict,
  Incursion,
  SeparationAlert,
} from './state.ts';
export { alertConcerns } from './acknowledgements.ts';
