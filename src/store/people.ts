/**
 * The people of a deployment and how they prove who they are: passwords (for the web app), API
 * tokens (for programs), server-side sessions, and each person's Ed25519 key (the server signs on
 * the person's behalf) or a registered public key (the person signs on their own device).
 *
 * The directory logic lives once, in `people-directory.ts`; storage adapters implement the small
 * `PeopleRecords` interface below (in memory for tests, SQLite in `people-sqlite.ts`), so that
 * several server instances sharing one database share sessions and revocations.
 */
import type { KeyObject } from 'node:crypto';
import type { EpochMs, PartyId, PersonId, Role } from '../core/index.ts';

/** An authenticated person: who acts, for which party, in which role. */
export interface Principal {
  readonly person: PersonId;
  readonly name: string;
  readonly party: PartyId;
  readonly role: Role;
  /**
   * Set on a web session whose person still has the one-time password `jig user add` printed:
   * such a session may only change it (or sign out) until it is replaced.
   */
  readonly mustChangePassword?: boolean;
}

export interface Person extends Principal {
  /** Raw 32-byte Ed25519 public key, base64url. */
  readonly publicKey: string;
  /** True when the server holds the private key and signs for the person. */
  readonly serverSigns: boolean;
  /** True until the person replaces the password printed when they were added. */
  readonly mustChangePassword: boolean;
}

export interface NewPerson {
  readonly name: string;
  readonly party: PartyId;
  readonly role: Role;
  /** A raw 32-byte Ed25519 public key when the person signs on their own device. */
  readonly publicKey?: Uint8Array;
}

/** What is shown once when a person is added, and never stored in clear. */
export interface NewCredentials {
  readonly person: Person;
  readonly password: string;
  readonly token: string;
  readonly tokenId: string;
}

export interface SessionTicket {
  /** The cookie value. Only its SHA-256 hash is stored. */
  readonly id: string;
  readonly idleExpiresAt: EpochMs;
  readonly absoluteExpiresAt: EpochMs;
}

export interface Signer {
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /** The same key as a KeyObject, for the ledger store, which signs entries as it seals them. */
  readonly privateKey: KeyObject;
  sign(message: Uint8Array): Uint8Array;
}

export interface PeopleDirectory {
  add(person: NewPerson): Promise<NewCredentials>;
  get(id: PersonId): Promise<Person | undefined>;
  find(name: string): Promise<Person | undefined>;
  list(): Promise<readonly Person[]>;
  /** The person when the password matches; undefined otherwise (same time either way). */
  checkPassword(name: string, password: string): Promise<Person | undefined>;
  changePassword(id: PersonId, current: string, next: string): Promise<boolean>;
  issueToken(id: PersonId): Promise<{ readonly tokenId: string; readonly token: string }>;
  authenticateToken(token: string): Promise<Principal | undefined>;
  revokeToken(tokenId: string): Promise<void>;
  openSession(id: PersonId): Promise<SessionTicket>;
  /** The session's person, sliding its idle timeout; undefined when unknown or expired. */
  session(id: string): Promise<Principal | undefined>;
  closeSession(id: string): Promise<void>;
  /** The server-side signer of a person; undefined when the person signs on their own device. */
  signer(id: PersonId): Promise<Signer | undefined>;
}

/** Rows as the storage adapters keep them. Secrets are stored only as hashes. */
export interface PersonRow {
  readonly id: string;
  readonly name: string;
  readonly party: string;
  readonly role: Role;
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
  readonly publicKey: string;
  /** PKCS#8 DER, base64url; absent when the person signs on their own device. */
  readonly privateKey: string | null;
  readonly createdAt: number;
}

export interface TokenRow {
  readonly id: string;
  readonly person: string;
  readonly hash: string;
  readonly createdAt: number;
  readonly revokedAt: number | null;
}

export interface SessionRow {
  readonly hash: string;
  readonly person: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
}

/** Adapters answer at once (SQLite, memory) or later (a network database). */
type Answer<T> = T | Promise<T>;

export interface PeopleRecords {
  insertPerson(row: PersonRow): Answer<void>;
  personById(id: string): Answer<PersonRow | undefined>;
  personByName(name: string): Answer<PersonRow | undefined>;
  people(): Answer<readonly PersonRow[]>;
  setPassword(id: string, passwordHash: string, mustChange: boolean): Answer<void>;
  insertToken(row: TokenRow): Answer<void>;
  /** The person holding the unrevoked token of this hash: one lookup, as every API request makes it. */
  holderOfToken(hash: string): Answer<PersonRow | undefined>;
  revokeToken(id: string, at: number): Answer<void>;
  insertSession(row: SessionRow): Answer<void>;
  sessionByHash(hash: string): Answer<SessionRow | undefined>;
  touchSession(hash: string, at: number): Answer<void>;
  deleteSession(hash: string): Answer<void>;
}
