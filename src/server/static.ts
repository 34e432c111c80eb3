/**
 * Serves the browser app (src/web) at `/`. The bundle is built on first start when it is missing
 * or older than its sources, so a fresh checkout needs no separate build step and nothing is
 * downloaded (the app must run on a closed network).
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..', '..');

interface WebBuild {
  ensureWebBuilt(): Promise<string>;
}

/** Builds the app if stale and returns the folder it is served from. */
export async function ensureWebApp(): Promise<string> {
  // The build script is plain .mjs so that it runs without tsx; it is loaded by URL at run time.
  const url = pathToFileURL(join(root, 'scripts', 'build-web.mjs')).href;
  const mod = (await import(url)) as WebBuild;
  return mod.ensureWebBuilt();
}

/** Registers the static app at `/` (index.html, app.js, styles, MapLibre worker). */
export async function registerWebApp(app: FastifyInstance): Promise<void> {
  const dir = await ensureWebApp();
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    index: ['index.html'],
    // The bundle changes with every build; let browsers revalidate instead of caching blindly.
    cacheControl: true,
    maxAge: 0,
  });
}
