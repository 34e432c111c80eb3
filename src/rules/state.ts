/**
 * The root state: one slice per area of the agreement. Each slice owns its fold; `evolve` in
 * `index.ts` dispatches events to them.
 */
import { initialAirspace, type AirspaceState } from './airspace/state.ts';
import { initialOperations, type OperationsState } from './operations/state.ts';
import { emptyHumanitarian } from './humanitarian-evolve.ts';
import type { HumanitarianState } from './humanitarian-model.ts';
import type { ViolationsState } from './violations-model.ts';
import { emptyViolations } from './violations.ts';

export interface RootState {
  readonly operations: OperationsState;
  readonly humanitarian: HumanitarianState;
  readonly violations: ViolationsState;
  readonly airspace: AirspaceState;
}

export const initialState: RootState = {
  operations: initialOperations,
  humanitarian: emptyHumanitarian(),
  violations: emptyViolations(),
  airspace: initialAirspace,
};
