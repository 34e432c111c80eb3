/**
 * The root state: one slice per area of the agreement. Each slice owns its fold; `evolve` in
 * `index.ts` dispatches events to them.
 */
import { initialAirspace, type AirspaceState } from './airspace/state.ts';
import { initialOperations, type OperationsState } from './operations/state.ts';

export interface RootState {
  readonly operations: OperationsState;
  readonly airspace: AirspaceState;
}

export const initialState: RootState = { operations: initialOperations, airspace: initialAirspace };
