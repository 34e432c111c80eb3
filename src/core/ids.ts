/**
 * Branded identifiers and units: plain strings and numbers at run time, distinct types at compile
 * time where mixing them is a real risk (a party id is not a person id; metres are not feet).
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type PartyId = Brand<string, 'PartyId'>;
export type PersonId = Brand<string, 'PersonId'>;
export type RecordId = Brand<string, 'RecordId'>;
export type Meters = Brand<number, 'Meters'>;
/** Milliseconds since the Unix epoch, UTC. */
export type EpochMs = Brand<number, 'EpochMs'>;

export const partyId = (s: string): PartyId => s as PartyId;
export const personId = (s: string): PersonId => s as PersonId;
export const recordId = (s: string): RecordId => s as RecordId;
export const meters = (n: number): Meters => n as Meters;
export const epochMs = (n: number): EpochMs => n as EpochMs;

/** Who may see a record (BRIEF §1). */
export type ReleaseLevel = 'office' | 'joint' | 'sealed';
export const RELEASE_LEVELS: readonly ReleaseLevel[] = ['office', 'joint', 'sealed'];

export type Role = 'operator' | 'approver' | 'national_authority' | 'liaison' | 'monitor';
export const ROLES: readonly Role[] = ['operator', 'approver', 'national_authority', 'liaison', 'monitor'];
