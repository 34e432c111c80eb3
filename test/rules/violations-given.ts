/**
 * A small given / when / then for deciders: replay `events` into the initial state, decide
 * `command`, then check the events or the refusal.
 */
import assert from 'node:assert/strict';
import {
  epochMs,
  partyId,
  personId,
  recordId,
  type ErrorCode,
  type RecordId,
  type Role,
} from '../../src/core/index.ts';
import type { Actor, DecideContext, Decision, DomainEvent, Refusal } from '../../src/rules/model.ts';

export interface Decider<S, C, E extends DomainEvent, P> {
  readonly initial: () => S;
  readonly decide: (state: S, command: C, ctx: DecideContext<P>) => Decision<E>;
  readonly evolve: (state: S, event: E) => S;
}

export function actor(id: string, party: string, ...roles: Role[]): Actor {
  return { id: personId(id), party: partyId(party), roles };
}

/** Record ids `<prefix>-1`, `<prefix>-2`, ... so that expected events can name them. */
export function idSequence(prefix: string): () => RecordId {
  let n = 0;
  return () => recordId(`${prefix}-${++n}`);
}

export function context<P>(policy: P, who: Actor, now: number, prefix = 'r'): DecideContext<P> {
  return { policy, actor: who, now: epochMs(now), newId: idSequence(prefix) };
}

export interface Then<S, E> {
  readonly state: S;
  readonly decision: Decision<E & DomainEvent>;
  /** The accepted events, and the state after them, for assertions. */
  then(check: (events: readonly E[], after: S) => void): void;
  thenRefused(code: ErrorCode, check?: (refusal: Refusal) => void): void;
}

export function given<S, C, E extends DomainEvent, P>(decider: Decider<S, C, E, P>, events: readonly E[]) {
  const state = events.reduce(decider.evolve, decider.initial());
  return {
    state,
    when(command: C, ctx: DecideContext<P>): Then<S, E> {
      const decision = decider.decide(state, command, ctx);
      return {
        state,
        decision,
        then(check) {
          if (!decision.ok) assert.fail(`refused: ${decision.refusal.code} ${decision.refusal.message}`);
          check(decision.events, decision.events.reduce(decider.evolve, state));
        },
        thenRefused(code, check) {
          if (decision.ok) assert.fail(`accepted: ${decision.events.map((e) => e.type).join(', ')}`);
          assert.equal(decision.refusal.code, code, decision.refusal.message);
          check?.(decision.refusal);
        },
      };
    },
  };
}

/** The events of an accepted decision; fails the test on a refusal. */
export function accepted<E>(decision: Decision<E & DomainEvent>): readonly E[] {
  if (!decision.ok) assert.fail(`refused: ${decision.refusal.code} ${decision.refusal.message}`);
  return decision.events;
}
