// Builds the browser app into src/web/static/: one esbuild bundle (app.js) plus the files the
// page loads beside it (index.html, app.css, MapLibre's stylesheet and worker). Nothing is
// downloaded: every input is in the repository or node_modules, so the app runs on a closed
// network. Run directly (`node scripts/build-web.mjs [--force]`) or through `ensureWebBuilt()`,
// which the server calls on start and the e2e tests call before they open a page.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'src', 'web');
const out = join(web, 'static');
const maplibre = join(root, 'node_modules', 'maplibre-gl', 'dist');

const copies = [
  [join(web, 'index.html'), join(out, 'index.html')],
  [join(web, 'app.css'), join(out, 'app.css')],
  [join(maplibre, 'maplibre-gl.css'), join(out, 'maplibre-gl.css')],
  [join(maplibre, 'maplibre-gl-worker.mjs'), join(out, 'maplibre-gl-worker.mjs')],
];

function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (path === out) continue;
    const st = statSync(path);
    newest = Math.max(newest, st.isDirectory() ? newestSource(path) : st.mtimeMs);
  }
  return newest;
}

/** True when the bundle is missing or older than any source of the app or this script. */
export function webBuildIsStale() {
  const bundle = join(out, 'app.js');
  if (!existsSync(bundle) || copies.some(([, to]) => !existsSync(to))) return true;
  const built = statSync(bundle).mtimeMs;
  return Math.max(newestSource(web), statSync(fileURLToPath(import.meta.url)).mtimeMs) > built;
}

/** Bundles the app and copies its static files; returns the output folder. */
export async function buildWeb() {
  mkdirSync(out, { recursive: true });
  for (const [from, to] of copies) copyFileSync(from, to);
  await build({
    entryPoints: [join(web, 'main.ts')],
    outfile: join(out, 'app.js'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    minify: true,
    sourcemap: true,
    legalComments: 'linked',
    loader: { '.json': 'json' },
    logLevel: 'warning',
  });
  return out;
}

/** Builds only when stale; cheap when the bundle is fresh. */
export async function ensureWebBuilt() {
  if (webBuildIsStale()) await buildWeb();
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  const started = Date.now();
  await (force ? buildWeb() : ensureWebBuilt());
  console.log(`web app built in ${out} (${Date.now() - started} ms)`);
}
