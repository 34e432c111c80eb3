/**
 * Login for the web app. A session id is a fresh 256-bit secret at every login (no fixation),
 * sent as an http-only, SameSite=Strict cookie (Secure behind TLS) and stored server-side only as a
 * hash, with idle and absolute timeouts; logout deletes it at once. Programs use Bearer tokens.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { JigError } from '../core/index.ts';
import { must, SESSION_COOKIE, type AnyRoute, type Call, type ServerDeps } from './route.ts';
import { login, passwordChange } from './schemas.ts';

function secure(deps: ServerDeps, request: FastifyRequest): boolean {
  return deps.secureCookies === 'auto' ? request.protocol === 'https' : deps.secureCookies;
}

// No Max-Age: the browser drops the cookie when it closes; the server enforces both timeouts.
function setCookie(deps: ServerDeps, request: FastifyRequest, reply: FastifyReply, value: string) {
  void reply.setCookie(SESSION_COOKIE, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: secure(deps, request),
    ...(value === '' ? { expires: new Date(0) } : {}),
  });
}

async function start({
  body,
  deps,
  request,
  reply,
}: Call<unknown, unknown, { name: string; password: string }>) {
  const person = await deps.people.checkPassword(body.name, body.password);
  if (!person) throw new JigError('NOT_AUTHENTICATED', 'Wrong name or password.');
  const old = request.cookies[SESSION_COOKIE];
  if (old !== undefined) await deps.people.closeSession(old);
  const ticket = await deps.people.openSession(person.person);
  setCookie(deps, request, reply, ticket.id);
  const { person: id, name, party, role, mustChangePassword } = person;
  return { person: id, name, party, role, mustChangePassword };
}

async function end({ deps, request, reply }: Call<unknown, unknown, unknown>) {
  const sid = request.cookies[SESSION_COOKIE];
  if (sid !== undefined) await deps.people.closeSession(sid);
  setCookie(deps, request, reply, '');
}

async function changePassword({
  principal,
  body,
  deps,
}: Call<unknown, unknown, { current: string; next: string }>) {
  const changed = await deps.people.changePassword(must(principal).person, body.current, body.next);
  if (!changed)
    throw new JigError('INVALID_INPUT', 'The current password is wrong.', {
      issues: [{ pointer: '/current', reason: 'wrong password' }],
    });
}

export const sessionRoutes = (): AnyRoute[] => [
  {
    method: 'POST',
    path: '/api/v1/session',
    summary: 'Log in with a name and password (sets the session cookie)',
    tag: 'Session',
    success: 200,
    body: login,
    handler: start,
  },
  {
    method: 'GET',
    path: '/api/v1/session',
    summary: 'Who is logged in',
    tag: 'Session',
    success: 200,
    // With `mustChangePassword`, as at login: a page reloaded after a one-time login still knows.
    handler: async ({ principal, deps }) => {
      const who = must(principal);
      const person = await deps.people.get(who.person);
      return { ...who, mustChangePassword: person?.mustChangePassword ?? false };
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/session',
    summary: 'Log out at once',
    tag: 'Session',
    success: 204,
    handler: end,
  },
  {
    method: 'POST',
    path: '/api/v1/session/password',
    summary: 'Replace one’s password',
    tag: 'Session',
    success: 204,
    body: passwordChange,
    handler: changePassword,
  },
];
