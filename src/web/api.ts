/**
 * Every call the app makes to the server, in one place, so that adjusting to the server's
 * contract is a change here only. Responses are attacker-controlled input: they are parsed
 * defensively, and items without a string `id` are dropped rather than trusted.
 */
export const COLLECTIONS = [
  'designated-areas',
  'protected-sites',
  'nominations',
  'notices',
  'imminent-actions',
  'flights',
  'tracks',
  'alerts',
  'violations',
  'movements',
] as const;
import { str } from './str.ts';
export type Collection = (typeof COLLECTIONS)[number];

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly party: string;
  readonly role: string;
  /** Signed in with a one-time password: a new one must be chosen before anything else. */
  readonly mustChangePassword: boolean;
}

/** A record as the server sends it: known envelope fields plus its own fields. */
export interface Item {
  readonly id: string;
  readonly owner?: string;
  readonly release?: string;
  readonly status?: string;
  readonly geometry?: GeoJSON.Geometry;
  readonly [field: string]: unknown;
}

export interface FieldProblem {
  readonly pointer: string;
  readonly reason: string;
}

/** An RFC 9457 problem, with the fields it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly issues: readonly FieldProblem[],
  ) {
    super(title);
  }
}

const BASE = '/api/v1';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseIssues(body: Record<string, unknown>): FieldProblem[] {
  const raw = body['errors'] ?? body['issues'] ?? body['invalid-params'];
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).map((e) => ({
    pointer: str(e['pointer'], e['name']),
    reason: str(e['reason'], e['detail'], e['message']),
  }));
}

async function problem(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = {};
  }
  const b = isObject(body) ? body : {};
  const title = str(b['detail'], b['title'], res.statusText);
  return new ApiError(res.status, title, parseIssues(b));
}

async function call(method: string, path: string, body?: unknown): Promise<unknown> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json', accept: 'application/json' };
  }
  const res = await fetch(BASE + path, init);
  if (!res.ok) throw await problem(res);
  if (res.status === 204) return undefined;
  const type = res.headers.get('content-type') ?? '';
  return type.includes('json') ? res.json() : res.text();
}

/** The session: `{person: <id>, name, party, role, mustChangePassword}`. */
function parsePerson(v: unknown): Person | undefined {
  const p = isObject(v) ? v : undefined;
  if (!p || typeof p['person'] !== 'string') return undefined;
  return {
    id: p['person'],
    name: str(p['name']),
    party: str(p['party']),
    role: str(p['role']),
    mustChangePassword: p['mustChangePassword'] === true,
  };
}

export async function login(name: string, password: string): Promise<Person> {
  const person = parsePerson(await call('POST', '/session', { name, password }));
  if (!person) throw new ApiError(500, 'bad session response', []);
  return person;
}

/** The signed-in person, or undefined when there is no session. */
export async function currentSession(): Promise<Person | undefined> {
  try {
    return parsePerson(await call('GET', '/session'));
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 404)) return undefined;
    throw e;
  }
}

export async function logout(): Promise<void> {
  await call('DELETE', '/session');
}

/** Replaces the signed-in person's password (`POST /session/password`, 204 when done). */
export async function changePassword(current: string, next: string): Promise<void> {
  await call('POST', '/session/password', { current, next });
}

export function parseItems(v: unknown): Item[] {
  const raw = isObject(v) ? v['items'] : undefined;
  if (!Array.isArray(raw)) return [];
  return raw.filter((i): i is Item => isObject(i) && typeof i['id'] === 'string');
}

/** One collection, as of now or as of a past moment (RFC 3339). */
export async function list(collection: Collection, asOf?: string): Promise<Item[]> {
  const q = asOf ? `?asOf=${encodeURIComponent(asOf)}` : '';
  return parseItems(await call('GET', `/${collection}${q}`));
}

/** Where a create form goes: a collection's create route, or `POST /commands` with a `type`. */
export type Target = { readonly collection: Collection } | { readonly command: string };

export async function create(target: Target, body: Record<string, unknown>): Promise<unknown> {
  return 'command' in target
    ? call('POST', '/commands', { type: target.command, ...body })
    : call('POST', `/${target.collection}`, body);
}

/** A party's decision on a nomination: the rules' `DecideNomination` without `type`/`nomination`. */
export async function decide(nomination: string, concur: boolean, reason: string) {
  const body = reason ? { concur, reason } : { concur };
  return call('POST', `/nominations/${encodeURIComponent(nomination)}/decisions`, body);
}

/** The user's party acknowledges an alert (once per party the alert concerns). */
export async function acknowledge(alert: string): Promise<unknown> {
  return call('POST', `/alerts/${encodeURIComponent(alert)}/ack`, {});
}

/**
 * The latest checkpoint: a C2SP signed note with its cosignatures, as text. The server sends
 * `{size, rootHash, timestamp, note}`; only the note is trusted, after verification.
 */
export async function checkpoint(): Promise<string> {
  const v = await call('GET', '/ledger/checkpoint');
  return isObject(v) ? str(v['note']) : String(v);
}

/** Verifier keys (C2SP vkey lines) of the log and the parties' cosigners. */
export async function verifierKeys(): Promise<string[]> {
  const v = await call('GET', '/ledger/keys');
  const keys = isObject(v) ? v['keys'] : undefined;
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
}

export async function entries(from: number, to: number): Promise<Item[]> {
  return parseItems(await call('GET', `/ledger/entries?from=${from}&to=${to}`));
}

export interface InclusionProof {
  readonly index: number;
  readonly size: number;
  readonly leafHash: string;
  readonly hashes: readonly string[];
}

export async function inclusionProof(index: number, size: number): Promise<InclusionProof> {
  const v = await call('GET', `/ledger/proofs/inclusion?index=${index}&size=${size}`);
  const o = isObject(v) ? v : {};
  const raw = o['path'] ?? o['hashes'];
  const hashes = Array.isArray(raw) ? raw.filter((h): h is string => typeof h === 'string') : [];
  return {
    index: Number(o['index'] ?? index),
    size: Number(o['size'] ?? size),
    leafHash: str(o['leafHash'], o['leaf_hash']),
    hashes,
  };
}

/** Reveals one of the user's own committed records: the salt and the clear event. */
export async function reveal(index: number): Promise<unknown> {
  return call('POST', `/ledger/reveals`, { index });
}

/**
 * The WebSocket URL of the live feed from a ledger index. Each text frame is one JSON message:
 * `{kind: 'event', index, event}` (a rules event as this user may see it, or a sealed stub),
 * `{kind: 'checkpoint', index, checkpoint}`, or `{kind: 'tracks', index, tracks: [...]}`, the
 * live air picture about once a second (see feed.ts for how indexes are treated).
 */
export function feedUrl(from: number | undefined): string {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const q = from === undefined ? '' : `?from=${from}`;
  return `${proto}//${location.host}${BASE}/feed${q}`;
}

/** A party's assessment of a reported violation. */
export async function assess(violation: string, assessment: string, note: string): Promise<unknown> {
  const body = note ? { assessment, reason: note } : { assessment };
  return call('POST', `/violations/${encodeURIComponent(violation)}/assessments`, body);
}

/** Records that this user's party received version `version` of a humanitarian notification. */
export async function receipt(movement: string, version: number): Promise<unknown> {
  return call('POST', `/movements/${encodeURIComponent(movement)}/receipts`, { version });
}
