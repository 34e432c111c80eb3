/** The airspace slice's decider: one handler per command type. */
import type { RootState } from '../state.ts';
import { acknowledgeAlert } from './acknowledgements.ts';
import { registerArea, withdrawArea } from './areas.ts';
import type { AirspaceCommand } from './commands.ts';
import type { AirContext, AirDecision } from './context.ts';
import { cancelFlight, fileFlight } from './flights.ts';
import {
  reportIncursion,
  reportIncursionEnded,
  reportSeparationCleared,
  reportSeparationRisk,
} from './reports.ts';

export function decideAirspace(s: RootState, c: AirspaceCommand, ctx: AirContext): AirDecision {
  switch (c.type) {
    case 'FileFlight':
      return fileFlight(s, c, ctx);
    case 'CancelFlight':
      return cancelFlight(s, c, ctx);
    case 'RegisterDesignatedArea':
      return registerArea(s, c, ctx);
    case 'WithdrawDesignatedArea':
      return withdrawArea(s, c, ctx);
    case 'ReportIncursion':
      return reportIncursion(s, c, ctx);
    case 'ReportIncursionEnded':
      return reportIncursionEnded(s, c, ctx);
    case 'ReportSeparationRisk':
      return reportSeparationRisk(s, c, ctx);
    case 'ReportSeparationCleared':
      return reportSeparationCleared(s, c, ctx);
    case 'AcknowledgeAlert':
      return acknowledgeAlert(s, c, ctx);
  }
}
