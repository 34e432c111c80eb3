import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { harness, type Harness } from './harness.ts';

function cookieOf(setCookie: string | string[] | undefined): { value: string; attributes: string } {
  const line = [setCookie ?? ''].flat()[0] ?? '';
  const [pair = '', ...rest] = line.split(';');
  return { value: pair.split('=')[1] ?? '', attributes: rest.join(';') };
}

describe('web app session', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  const login = (password: string, headers: Record<string, string> = {}) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers,
      payload: { name: 'us-approver', password },
    });

  it('sets an http-only, SameSite=Strict cookie on login and a new id at each login', async () => {
    const first = await login(h.password('US', 'approver'));
    assert.equal(first.statusCode, 200);
    assert.equal(first.json<{ party: string }>().party, 'US');
    const a = cookieOf(first.headers['set-cookie']);
    assert.match(a.attributes, /HttpOnly/);
    assert.match(a.attributes, /SameSite=Strict/);
    assert.doesNotMatch(a.attributes, /Secure/, 'plain HTTP without a proxy: not Secure');
    const second = cookieOf((await login(h.password('US', 'approver'))).headers['set-cookie']);
    assert.notEqual(a.value, second.value);
  });

  it('marks the cookie Secure behind TLS', async () => {
    const tls = await harness({ trustProxy: true });
    const res = await tls.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { name: 'us-approver', password: tls.password('US', 'approver') },
    });
    assert.match(cookieOf(res.headers['set-cookie']).attributes, /Secure/);
  });

  it('answers who is logged in, and nobody once logged out', async () => {
    const sid = cookieOf((await login(h.password('US', 'approver'))).headers['set-cookie']).value;
    const cookies = { jig_session: sid };
    const me = await h.app.inject({ url: '/api/v1/session', cookies });
    assert.equal(me.json<{ name: string }>().name, 'us-approver');
    assert.equal(typeof me.json<{ mustChangePassword: unknown }>().mustChangePassword, 'boolean');
    assert.equal((await h.app.inject({ method: 'DELETE', url: '/api/v1/session', cookies })).statusCode, 204);
    assert.equal((await h.app.inject({ url: '/api/v1/session', cookies })).statusCode, 401);
    assert.equal((await h.app.inject({ url: '/api/v1/nominations', cookies })).statusCode, 401);
  });

  it('says at login and afterwards that a one-time password must be replaced, until it is', async () => {
    const added = await h.people.add({ name: 'first-login', party: 'US' as never, role: 'monitor' });
    const first = await h.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { name: 'first-login', password: added.password },
    });
    assert.equal(first.json<{ mustChangePassword: boolean }>().mustChangePassword, true);
    const cookies = { jig_session: cookieOf(first.headers['set-cookie']).value };
    const me = () => h.app.inject({ url: '/api/v1/session', cookies });
    assert.equal((await me()).json<{ mustChangePassword: boolean }>().mustChangePassword, true);
    // Until then the session may do nothing else; the person's API token is not held back.
    const alerts = () => h.app.inject({ url: '/api/v1/alerts', cookies });
    const held = await alerts();
    assert.equal(held.statusCode, 403);
    assert.match(held.json<{ detail: string }>().detail, /one-time password/);
    const byToken = await h.app.inject({
      url: '/api/v1/alerts',
      headers: { authorization: `Bearer ${added.token}` },
    });
    assert.equal(byToken.statusCode, 200);
    const changed = await h.app.inject({
      method: 'POST',
      url: '/api/v1/session/password',
      cookies,
      payload: { current: added.password, next: 'a-password-of-my-own' },
    });
    assert.equal(changed.statusCode, 204);
    assert.equal((await me()).json<{ mustChangePassword: boolean }>().mustChangePassword, false);
    assert.equal((await alerts()).statusCode, 200);
  });

  it('refuses a wrong password and an unknown name with the same answer', async () => {
    const wrong = await login('not-the-password');
    const unknown = await h.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { name: 'nobody', password: 'x' },
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.body, unknown.body);
  });

  it('refuses a malformed Authorization header and a revoked token', async () => {
    const bad = await h.app.inject({ url: '/api/v1/alerts', headers: { authorization: 'Basic dXM6cHc=' } });
    assert.equal(bad.statusCode, 401);
    const added = await h.people.add({ name: 'temp', party: 'US' as never, role: 'monitor' });
    await h.people.revokeToken(added.tokenId);
    const revoked = await h.app.inject({
      url: '/api/v1/alerts',
      headers: { authorization: `Bearer ${added.token}` },
    });
    assert.equal(revoked.statusCode, 401);
  });
});
