// Two `jig serve` processes on one PostgreSQL database, as behind a load balancer: an alert raised
// by a report ingested on one instance reaches a client of the other; 16 clients x 1,000 commands
// spread over both give one contiguous chain, and killing one instance mid-run loses no
// acknowledged entry (its clients carry on with the other instance).
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { partyId, type Role } from '../../src/core/index.ts';
import { decodeEntry, generateSigningKey, privateKeyToPem } from '../../src/ledger/index.ts';
import { openStore } from '../../src/store/index.ts';
import { createPeopleDirectory } from '../../src/store/people-directory.ts';
import type { OpenedStore } from '../../src/store/types.ts';
import { CHEAP_SCRYPT } from '../store/people-contract.ts';
import { assertChain } from '../store/contract.ts';
import { square } from '../rules/given.ts';
import { postgresForThisFile } from '../support/postgres.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const CLIENTS = 16;
const COMMANDS = Number(process.env['JIG_INSTANCE_COMMANDS'] ?? 1000);
const db = await postgresForThisFile();

const iso = (ms: number) => new Date(ms).toISOString();
const IDLIB: [number, number] = [36.63, 35.93];

if (db) {
  describe('two jig serve processes on one PostgreSQL database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jig-instances-'));
    const tokens = new Map<string, string>();
    const auth = (party: string, role: Role) => ({
      authorization: `Bearer ${tokens.get(`${party}/${role}`)}`,
    });
    let store: OpenedStore;
    let a: ServerProcess;
    let b: ServerProcess;

    async function post(base: string, path: string, headers: Record<string, string>, body: unknown) {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    }

    before(async () => {
      // Both instances sign checkpoints with the one log key.
      mkdirSync(join(dir, 'data'));
      writeFileSync(join(dir, 'data', 'log.key'), privateKeyToPem(generateSigningKey()), { mode: 0o600 });
      store = await openStore(db.url);
      const people = createPeopleDirectory(store.people, { scrypt: CHEAP_SCRYPT });
      for (const [party, role] of [
        ['US', 'operator'],
        ['US', 'monitor'],
        ['RU', 'operator'],
        ['RU', 'monitor'],
      ] as const) {
        const added = await people.add({ name: `${party}-${role}`, party: partyId(party), role });
        tokens.set(`${party}/${role}`, added.token);
      }
      [a, b] = await Promise.all([
        startServerProcess({ db: db.url, cwd: dir }),
        startServerProcess({ db: db.url, cwd: dir }),
      ]);
    });
    after(async () => {
      for (const p of [a, b]) if (p && p.process.exitCode === null) p.process.kill('SIGTERM');
      await Promise.all([a?.ended, b?.ended]);
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('delivers to a client of instance A the incursion raised by a report ingested on instance B', async (t) => {
      const now = Date.now();
      const area = await post(a.url, '/api/v1/commands', auth('RU', 'operator'), {
        type: 'RegisterDesignatedArea',
        name: 'Idlib designated area',
        area: square(IDLIB, 0.2),
        window: { from: iso(now - 3_600_000), to: iso(now + 3_600_000) },
        band: { minM: 0, maxM: 8000 },
      });
      assert.equal(area.status, 201, JSON.stringify(area.body));
      const from = Number(area.body['index']) + 1;
      // Instance B must know the area before its air picture can see an incursion into it.
      const bKnows = async () => {
        const res = await fetch(`${b.url}/api/v1/designated-areas`, { headers: auth('US', 'monitor') });
        return ((await res.json()) as { items?: unknown[] }).items?.length === 1;
      };
      for (let i = 0; (await bKnows()) === false; i++) {
        assert.ok(i < 500, 'instance B never learned of the area');
        await new Promise((r) => setTimeout(r, 10));
      }

      const socket = new WebSocket(`${a.url.replace('http', 'ws')}/api/v1/feed?from=${from}`, {
        headers: auth('US', 'monitor'),
      });
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      const alert = new Promise<{ at: number; event: Record<string, unknown> }>((resolve) =>
        socket.on('message', (data: Buffer) => {
          const message = JSON.parse(data.toString('utf8')) as {
            kind: string;
            event?: Record<string, unknown>;
          };
          if (message.kind === 'event' && message.event?.['type'] === 'IncursionDetected')
            resolve({ at: performance.now(), event: message.event });
        }),
      );

      // Outside the area, then inside it: the second report is the one that raises the alert.
      const report = (lon: number, time: number) => ({
        reports: [{ aircraft: 'SYAF-101', actor: 'SY-AF', time: iso(time), position: [lon, IDLIB[1], 3000] }],
      });
      const outside = await post(
        b.url,
        '/api/v1/tracks',
        auth('RU', 'operator'),
        report(IDLIB[0] - 0.4, now),
      );
      assert.equal(outside.status, 202, JSON.stringify(outside.body));
      const sent = performance.now();
      const inside = await post(
        b.url,
        '/api/v1/tracks',
        auth('RU', 'operator'),
        report(IDLIB[0], now + 1000),
      );
      assert.equal(inside.status, 202, JSON.stringify(inside.body));
      const received = await alert;
      socket.close();
      assert.equal((received.event['data'] as { aircraft?: string }).aircraft, 'SYAF-101');
      t.diagnostic(
        `report POSTed to instance B -> IncursionDetected on instance A's feed: ${(received.at - sent).toFixed(1)} ms`,
      );
    });

    it('shows on instance A the aircraft whose reports reached instance B', async () => {
      const has = async () => {
        const res = await fetch(`${a.url}/api/v1/tracks`, { headers: auth('US', 'monitor') });
        const { items } = (await res.json()) as { items: { id: string }[] };
        return items.some((t) => t.id === 'SYAF-101');
      };
      // The instances exchange their pictures once a second.
      for (let i = 0; !(await has()); i++) {
        assert.ok(i < 100, "SYAF-101 never appeared in instance A's air picture");
        await new Promise((r) => setTimeout(r, 50));
      }
    });

    it(`keeps one chain for ${CLIENTS} clients x ${COMMANDS} commands over both, with one instance killed mid-run`, async (t) => {
      const headers = auth('US', 'operator');
      const acked: { index: number; record: string }[] = [];
      let killedAt = -1;
      let failovers = 0;
      const start = performance.now();
      const client = async (c: number) => {
        let base = c % 2 === 0 ? a.url : b.url;
        for (let i = 0; i < COMMANDS; i++) {
          const body = {
            type: 'ReportViolation',
            time: { at: iso(Date.now() - 3_600_000) },
            place: { type: 'Point', coordinates: [36 + c / 100, 35 + i / 10_000] },
            kind: 'shelling',
            perpetrator: { kind: 'unknown' },
            casualties: { killed: 0, injured: 0, confidence: 'low' },
            narrative: `client ${c} report ${i}`,
          };
          for (;;) {
            try {
              const res = await post(base, '/api/v1/commands', headers, body);
              assert.equal(res.status, 201, JSON.stringify(res.body));
              acked.push({ index: Number(res.body['index']), record: String(res.body['id']) });
              break;
            } catch (e) {
              // The load balancer's part: a client of the killed instance goes to the other one.
              if (base !== b.url || killedAt < 0) throw e;
              base = a.url;
              failovers++;
            }
          }
          if (acked.length === Math.floor((CLIENTS * COMMANDS) / 3) && killedAt < 0) {
            killedAt = acked.length;
            b.process.kill('SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
      const seconds = (performance.now() - start) / 1000;
      assert.equal(await b.ended, 'SIGKILL');
      assert.equal(acked.length, CLIENTS * COMMANDS);

      const size = await store.size();
      const leaves = await assertChain(store); // seq, prev, leaf hashes, signatures: no gap, no fork
      assert.equal(leaves.length, size);
      assert.equal(new Set(acked.map((x) => x.index)).size, acked.length, 'no index acknowledged twice');
      const entries = await store.entries(0, size);
      const lost = acked.filter(({ index, record }) => {
        const entry = entries[index];
        const decoded = entry ? decodeEntry(entry.bytes) : undefined;
        return !decoded?.ok || decoded.value.event['record'] !== record;
      });
      assert.deepEqual(lost, [], 'every acknowledged report is in the ledger at its index');
      t.diagnostic(
        `${acked.length} commands over 2 instances in ${seconds.toFixed(1)} s ` +
          `(${Math.round(acked.length / seconds)}/s); instance B killed after ${killedAt} acknowledgements, ` +
          `${failovers} requests failed over; ledger ${size} entries`,
      );
    });
  });
}
