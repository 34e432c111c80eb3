/**
 * A fake of the jig HTTP API (the contract in src/web/api.ts), for browser tests that run
 * before the real server exists. It keeps the rules that matter to the page: sessions, release
 * levels (other parties' office and sealed records are never sent), `asOf`, problem+json with
 * field pointers, the vetting flow, and a live feed.
 */
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { registerWebApp } from '../../src/server/static.ts';
import { FakeLedger } from './fake-ledger.ts';
import { PASSWORD, PEOPLE, seed, type FakePerson, type Rec } from './fake-data.ts';
import { checkNomination, validate } from './fake-rules.ts';

export interface FakeServer {
  readonly url: string;
  readonly data: Record<string, Rec[]>;
  /** Sends one track report to every connected feed. */
  track(data: Record<string, unknown>): void;
  /** Sends raw text to every connected feed (for benchmarks that pre-serialise). */
  broadcastRaw(text: string): void;
  close(): Promise<void>;
}

/** The event type the server logs when each collection gets a record. */
const CREATED: Record<string, string> = {
  nominations: 'TargetNominated',
  'protected-sites': 'ProtectedSiteRegistered',
  notices: 'NoticeSent',
  'imminent-actions': 'ImminentThreatActionRecorded',
  violations: 'ViolationReported',
  movements: 'MovementNotified',
  flights: 'FlightFiled',
  'designated-areas': 'DesignatedAreaRegistered',
};

const session = (p: FakePerson) => ({
  person: p.id,
  name: p.name,
  party: p.party,
  role: p.role,
  mustChangePassword: false,
});

const visible = (r: Rec, party: string) => r.release === 'joint' || r.owner === party;

export async function startFakeServer(): Promise<FakeServer> {
  const app = Fastify({ logger: false });
  const data = seed();
  const sessions = new Map<string, FakePerson>();
  const feeds = new Map<WebSocket, FakePerson>();
  const ledger = new FakeLedger();
  for (const [c, recs] of Object.entries(data)) for (const r of recs) ledger.append({ c, id: r.id });

  await app.register(cookie);
  await app.register(websocket);
  await registerWebApp(app);

  const who = (req: FastifyRequest) => sessions.get(req.cookies['jig_session'] ?? '');
  const problem = (
    reply: FastifyReply,
    status: number,
    title: string,
    errors: { pointer: string; reason: string }[] = [],
  ) =>
    reply.code(status).type('application/problem+json').send({ type: 'about:blank', title, status, errors });

  // Events as the server's feed sends them; other parties' office and sealed ones are left out
  // here (the server sends sealed stubs, which the page only uses to refresh).
  function publish(type: string, rec: Rec, by: string): void {
    const index = ledger.append({ type, id: rec.id });
    const event = {
      type,
      record: rec.id,
      owner: rec.owner,
      release: rec.release,
      at: Date.now(),
      by,
      data: {},
    };
    const msg = JSON.stringify({ kind: 'event', index, event });
    for (const [ws, p] of feeds) if (visible(rec, p.party)) ws.send(msg);
  }

  app.post('/api/v1/session', (req, reply) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const p = PEOPLE.find((x) => x.name === b['name']);
    if (!p || b['password'] !== PASSWORD) return problem(reply, 401, 'wrong name or password');
    const sid = randomUUID();
    sessions.set(sid, p);
    return reply
      .setCookie('jig_session', sid, { path: '/', httpOnly: true, sameSite: 'strict' })
      .send(session(p));
  });
  app.get('/api/v1/session', (req, reply) => {
    const p = who(req);
    return p ? reply.send(session(p)) : problem(reply, 401, 'not signed in');
  });
  app.delete('/api/v1/session', (req, reply) => {
    sessions.delete(req.cookies['jig_session'] ?? '');
    return reply.clearCookie('jig_session', { path: '/' }).code(204).send();
  });

  app.get('/api/v1/feed', { websocket: true }, (socket, req) => {
    const p = who(req);
    if (!p) return socket.close(4401, 'not signed in');
    feeds.set(socket, p);
    socket.on('close', () => feeds.delete(socket));
  });

  app.get<{ Params: { c: string }; Querystring: { asOf?: string } }>('/api/v1/:c', (req, reply) => {
    const p = who(req);
    if (!p) return problem(reply, 401, 'not signed in');
    const recs = data[req.params.c];
    if (!recs) return problem(reply, 404, 'no such collection');
    const asOf = req.query.asOf ? Date.parse(req.query.asOf) : Infinity;
    if (Number.isNaN(asOf))
      return problem(reply, 400, 'invalid asOf', [{ pointer: '/asOf', reason: 'not RFC 3339' }]);
    return { items: recs.filter((r) => visible(r, p.party) && Date.parse(r.created_at) <= asOf) };
  });

  app.post<{ Params: { c: string } }>('/api/v1/:c', (req, reply) => {
    const p = who(req);
    if (!p) return problem(reply, 401, 'not signed in');
    const recs = data[req.params.c];
    if (!recs) return problem(reply, 404, 'no such collection');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const errors = validate(req.params.c, body);
    if (errors.length) return problem(reply, 422, 'the record is invalid', errors);
    const rec: Rec = {
      release: 'joint',
      ...body,
      id: randomUUID(),
      owner: p.party,
      created_at: new Date().toISOString(),
    };
    if (req.params.c === 'nominations')
      Object.assign(rec, checkNomination(rec, data['protected-sites'] ?? [], p.party));
    recs.push(rec);
    publish(CREATED[req.params.c] ?? 'RecordCreated', rec, p.id);
    return reply.code(201).send(rec);
  });

  app.post<{ Params: { id: string } }>('/api/v1/nominations/:id/decisions', (req, reply) => {
    const p = who(req);
    const n = data['nominations']?.find((r) => r.id === req.params.id);
    if (!p || !n) return problem(reply, 404, 'no such nomination');
    const b = (req.body ?? {}) as Record<string, unknown>;
    if (typeof b['concur'] !== 'boolean')
      return problem(reply, 422, 'the command is invalid', [{ pointer: '/concur', reason: 'is required' }]);
    if (!b['concur'] && !b['reason'])
      return problem(reply, 422, 'reason required', [
        { pointer: '/reason', reason: 'required to non-concur' },
      ]);
    const decision = b['concur'] ? 'concur' : 'non_concur';
    const decisions = [
      ...((n['decisions'] as Record<string, unknown>[]) ?? []),
      { party: p.party, concur: b['concur'], decision, reason: b['reason'] },
    ];
    n['decisions'] = decisions;
    const parties = new Set(PEOPLE.map((x) => x.party));
    if (!b['concur']) n['status'] = 'not_concurred';
    else if (
      n['status'] !== 'blocked' &&
      [...parties].every((x) => decisions.some((d) => d['party'] === x && d['concur'] === true))
    )
      n['status'] = 'vetted';
    publish('NominationDecided', n, p.id);
    return reply.code(201).send(n);
  });

  app.post<{ Params: { id: string } }>('/api/v1/alerts/:id/ack', (req, reply) => {
    const a = data['alerts']?.find((r) => r.id === req.params.id);
    if (!who(req) || !a) return problem(reply, 404, 'no such alert');
    a['acknowledged'] = true;
    publish('SafetyOfFlightAlertAcknowledged', a, who(req)?.id ?? '');
    return reply.code(204).send();
  });

  app.get('/api/v1/ledger/checkpoint', () => ({ ...ledger.head(), note: ledger.checkpoint() }));
  app.get('/api/v1/ledger/keys', () => ({ keys: ledger.keys() }));
  app.get<{ Querystring: { index: string; size: string } }>('/api/v1/ledger/proofs/inclusion', (req) =>
    ledger.inclusion(Number(req.query.index), Number(req.query.size)),
  );

  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    data,
    track: (d) => {
      // Tracks repeat the last ledger index: they are not ledger entries.
      const msg = JSON.stringify({ kind: 'tracks', index: ledger.size - 1, tracks: [d] });
      for (const ws of feeds.keys()) ws.send(msg);
    },
    broadcastRaw: (text) => {
      for (const ws of feeds.keys()) ws.send(text);
    },
    close: () => app.close(),
  };
}
