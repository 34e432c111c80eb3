// A person who keeps their own key, end to end: `jig keygen` on their device, `jig user add
// --public-key`, a nomination signed with `jig sign` and submitted to the real server (startJig),
// decided and in the ledger; the same envelope replayed, a changed command and a stale one are
// refused; the export verifies offline, and an entry whose command the operator rewrote (and
// signed again with the server's own key) does not.
import { strict as assert } from 'node:assert';
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/cli/main.ts';
import { startJig, type RunningJig } from '../../src/cli/start.ts';
import { partyId } from '../../src/core/index.ts';
import { decodeEntry, privateKeyFromPem, sealEntry, toBase64 } from '../../src/ledger/index.ts';
import { examples } from '../../src/server/examples.ts';
import { officeKeys } from '../../src/service/entries.ts';
import { CHEAP_SCRYPT } from '../store/people-contract.ts';

const ORIGIN = 'jig.example/jig_2016';

/** Runs the CLI in-process; returns its exit code and what it printed. */
async function jig(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = (...a: unknown[]) => void err.push(a.join(' '));
  try {
    const code = await main(['node', 'jig', ...args]);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    [console.log, console.error] = [log, error];
    // A command reports its exit code through process.exitCode; this process is the test's.
    process.exitCode = undefined;
  }
}

describe('commands signed on the person’s own device', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jig-sign-'));
  const db = join(dir, 'jig.db');
  const keyFile = join(dir, 'alice.key');
  const commandFile = join(dir, 'nomination.json');
  let server: RunningJig;
  let token = '';
  let person = '';
  let accepted: Record<string, unknown> = {};

  before(async () => {
    server = await startJig({
      db,
      web: false,
      airPicture: false,
      localWitnesses: true,
      directory: { scrypt: CHEAP_SCRYPT },
    });
    const made = await jig('keygen', '--key-file', keyFile);
    assert.equal(made.code, 0, made.err);
    assert.match(made.out, /^[A-Za-z0-9_-]{43}$/);
    const added = await server.people.add({
      name: 'alice',
      party: partyId('US'),
      role: 'operator',
      publicKey: new Uint8Array(Buffer.from(made.out, 'base64url')),
    });
    token = added.token;
    person = added.person.person;
    writeFileSync(
      commandFile,
      JSON.stringify({ type: 'NominateTarget', ...(examples['NominateTarget'] as object) }),
    );
  });
  after(async () => {
    await server.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  async function sign(...extra: string[]): Promise<Record<string, unknown>> {
    const signed = await jig(
      'sign',
      '--key-file',
      keyFile,
      '--origin',
      ORIGIN,
      '--person',
      person,
      ...extra,
      commandFile,
    );
    assert.equal(signed.code, 0, signed.err);
    return JSON.parse(signed.out) as Record<string, unknown>;
  }

  async function post(path: string, body: unknown) {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
  const pointers = (body: Record<string, unknown>) =>
    ((body['issues'] ?? []) as { pointer: string }[]).map((i) => i.pointer);

  it('refuses the person’s unsigned command, naming what is missing', async () => {
    const res = await post('/api/v1/nominations', examples['NominateTarget']);
    assert.equal(res.status, 403);
    assert.match(
      String(res.body['detail']),
      /signs their commands on their own device.*\/api\/v1\/commands\/signed/,
    );
  });

  it('decides a command signed with `jig sign`, and the entry carries the envelope', async () => {
    accepted = await sign();
    const res = await post('/api/v1/commands/signed', accepted);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const index = Number(res.body['index']);
    const [stored] = await server.store.entries(index, index + 1);
    const entry = decodeEntry(stored?.bytes ?? new Uint8Array());
    assert.ok(entry.ok);
    assert.equal(entry.value.event.type, 'TargetNominated');
    assert.equal(entry.value.actor.id, person);
    assert.deepEqual(entry.value.event['signedCommand'], accepted);
  });

  it('refuses the same envelope again (409), naming the nonce', async () => {
    const res = await post('/api/v1/commands/signed', accepted);
    assert.equal(res.status, 409);
    assert.deepEqual(pointers(res.body), ['/nonce']);
  });

  it('refuses a changed command (403), naming the signature', async () => {
    const signed = await sign();
    const command = { ...(signed['command'] as object), justification: 'something else entirely' };
    const res = await post('/api/v1/commands/signed', { ...signed, command });
    assert.equal(res.status, 403);
    assert.deepEqual(pointers(res.body), ['/sig']);
  });

  it('refuses a command signed too long ago (403), naming its time', async () => {
    const signed = await sign('--at', new Date(Date.now() - 10 * 60_000).toISOString());
    const res = await post('/api/v1/commands/signed', signed);
    assert.equal(res.status, 403);
    assert.deepEqual(pointers(res.body), ['/at']);
  });

  it('exports a ledger whose signed commands verify offline, and catches one the operator rewrote', async () => {
    await server.close();
    const out = join(dir, 'export.jsonl');
    assert.equal((await jig('ledger', 'export', '--db', db, '--out', out)).code, 0);
    const verified = await jig('ledger', 'verify', out);
    assert.equal(verified.code, 0, verified.err);
    assert.match(verified.out, /commands signed on their people's own devices, signatures verified: 1/);

    // The operator holds the log key, hence the office key that signs such entries: it rewrites
    // the command and signs the entry again. The person's signature no longer holds.
    const logKey = privateKeyFromPem(readFileSync(join(dir, 'log.key'), 'utf8'));
    assert.ok(logKey);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    const entryOf = (line: string) => Buffer.from((JSON.parse(line) as { entry: string }).entry, 'base64');
    const at = lines.findIndex((l) => l.startsWith('{"entry"') && entryOf(l).includes('signedCommand'));
    const decoded = decodeEntry(
      Buffer.from((JSON.parse(lines[at] ?? '') as { entry: string }).entry, 'base64'),
    );
    assert.ok(decoded.ok);
    const { sig: _sig, ...body } = decoded.value;
    const envelope = body.event['signedCommand'] as { command: object };
    const forged = {
      ...body,
      event: {
        ...body.event,
        signedCommand: { ...envelope, command: { ...envelope.command, executors: ['RU'] } },
      },
    };
    const key = officeKeys(logKey)(partyId('US')).privateKey;
    lines[at] = JSON.stringify({ entry: toBase64(sealEntry(forged, key).bytes) });
    const tampered = join(dir, 'tampered.jsonl');
    writeFileSync(tampered, lines.join('\n') + '\n');
    const refused = await jig('ledger', 'verify', tampered);
    assert.equal(refused.code, 1);
    assert.match(refused.err, new RegExp(`entry ${decoded.value.seq}: signed command: /sig does not verify`));
  });
});
