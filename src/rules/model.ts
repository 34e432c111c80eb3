/**
 * The shape every rule shares. A rule is a pure decider (after Emmett):
 *
 *     decide(state, command, ctx) -> events | refusal      evolve(state, event) -> state
 *
 * `ctx` carries the agreement, the acting person and `now`; nothing in `rules` reads a clock,
 * a file or a socket. Commands are imperative (`NominateTarget`), events past tense
 * (`TargetNominated`).
 */
import type {
  EpochMs,
  ErrorCode,
  FieldIssue,
  PartyId,
  PersonId,
  RecordId,
  ReleaseLevel,
  Role,
} from '../core/index.ts';

/** The person on whose behalf a command is decided. */
export interface Actor {
  readonly id: PersonId;
  readonly party: PartyId;
  readonly roles: readonly Role[];
}

/** Who did it, as recorded on every event. */
export interface Attribution {
  readonly person: PersonId;
  readonly party: PartyId;
}

/**
 * A state change. `owner` and `release` decide who may see it (see `visibility.ts`): `joint`
 * events enter the ledger in clear; `office` and `sealed` ones enter it as salted commitments.
 */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly record: RecordId;
  readonly owner: PartyId;
  readonly release: ReleaseLevel;
  readonly at: EpochMs;
  readonly by: Attribution;
  readonly data: D;
}

export interface Refusal {
  readonly code: ErrorCode;
  readonly message: string;
  readonly issues?: readonly FieldIssue[];
}

export type Decision<E extends DomainEvent = DomainEvent> =
  { readonly ok: true; readonly events: readonly E[] } | { readonly ok: false; readonly refusal: Refusal };

export function accept<E extends DomainEvent>(...events: E[]): Decision<E> {
  return { ok: true, events };
}

export function refuse(code: ErrorCode, message: string, issues?: readonly FieldIssue[]): Decision<never> {
  return { ok: false, refusal: issues === undefined ? { code, message } : { code, message, issues } };
}

/** Everything a decision may depend on besides the state and the command. */
export interface DecideContext<P> {
  readonly policy: P;
  readonly actor: Actor;
  readonly now: EpochMs;
  /** Fresh record ids, passed in so that decisions stay deterministic under test. */
  readonly newId: () => RecordId;
}

/**
 * A place that rules protect: a protected site, an active humanitarian site or movement, or a
 * ceasefire-protected zone. Every slice that owns such places exposes them through this shape,
 * so that nomination, notice and flight checks see them all without knowing their slice.
 */
export interface Protection {
  readonly id: RecordId;
  readonly kind: 'protected_site' | 'humanitarian_site' | 'movement' | 'ceasefire_zone';
  readonly owner: PartyId;
  readonly release: ReleaseLevel;
  /** Category of the place (hospital, school, partner_force, convoy...). */
  readonly category: string;
  /** GeoJSON geometry, `[lon, lat]`. */
  readonly geometry: unknown;
  /** Buffer (or corridor half-width) in metres around the geometry. */
  readonly bufferM: number;
  /** When it protects; open-ended when absent. */
  readonly window?: { readonly from: EpochMs; readonly to: EpochMs };
}
