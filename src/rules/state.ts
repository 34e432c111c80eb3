/**
 * The root state: one slice per area of the agreement. Each slice owns its fold; `evolve` in
 * `index.ts` dispatches events to them.
 */
import { initialOperations, type OperationsState } from './operations/state.ts';

export interface RootState {
  readonly operations: OperationsState;
}

export const initialState: RootState = { operations: initialOperations };
