/**
 * Builds `dist/`: the pipeline bundled by esbuild into one script for the `jejaring` command
 * (`dist/jejaring.cjs`) plus one ES module per worker thread (`dist/paths-worker.mjs`,
 * `dist/render-worker.mjs`). Node then loads a few files instead of hundreds of TypeScript and
 * library modules, and needs no TypeScript loader, so an install without dev dependencies runs.
 * Run by `npm ci` (`prepare`) and, from `bin/jejaring.mjs`, again whenever a source file is newer
 * than the bundle (a developer's checkout).
 *
 * The command's bundle is a CommonJS script rather than an ES module because only a script can
 * be compiled with V8's code cache in Node 20 (`loadBundle`): the first run saves the compiled
 * code beside the bundle (`dist/jejaring.cache`) and later runs skip compiling 4 MB of JavaScript
 * (on the 100-group bench case about 6 % of the whole report's time).
 *
 * Left outside the bundle (loaded from node_modules when needed): the PDF printer's browser
 * packages and exceljs, which only some runs use and which load files of their own. Replaced in
 * every bundle: vega-canvas, which looks for the optional `canvas` package with a top-level await
 * (a script cannot have one); without it Vega measures text as it does when `canvas` is absent,
 * which is what every install of jejaring has, so the charts do not depend on what else is installed.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
export const ENTRY = join(DIST, 'jejaring.cjs');
const CACHE = join(DIST, 'jejaring.cache');
const STAMP = join(DIST, 'build-stamp');
const SOURCES = ['pipeline', 'package.json', 'package-lock.json', 'scripts/build.mjs'];
const EXTERNAL = ['puppeteer-core', '@sparticuz/chromium', 'exceljs', 'esbuild', 'tsx'];

/** The newest modification time among the sources, in ms. */
function newestSource() {
  let newest = 0;
  const visit = (path) => {
    const s = statSync(path);
    if (s.isDirectory()) for (const f of readdirSync(path)) visit(join(path, f));
    else newest = Math.max(newest, s.mtimeMs);
  };
  for (const s of SOURCES) visit(join(ROOT, s));
  return newest;
}

function builtAt() {
  try {
    return statSync(STAMP).mtimeMs;
  } catch {
    return -1;
  }
}

/**
 * Bundle into a temp folder beside dist/, then move each file into dist/ (a rename, atomic), the
 * stamp last: a command starting meanwhile, or another build racing this one, never sees half a
 * file.
 */
export async function build() {
  const { build: esbuild } = await import('esbuild');
  const tmp = `${DIST}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const common = {
    absWorkingDir: ROOT,
    outdir: tmp,
    bundle: true,
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    plugins: [noCanvas],
    legalComments: 'none',
    logLevel: 'error',
  };
  await esbuild({
    ...common,
    entryPoints: { jejaring: 'pipeline/cli/main.ts' },
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    // a script compiled from a code cache cannot import(): the packages left outside are required
    supported: { 'dynamic-import': false },
    // the sources are ES modules: their own URL is the script's
    define: { 'import.meta.url': '__jejaringUrl' },
    banner: { js: "const __jejaringUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  await esbuild({
    ...common,
    entryPoints: { 'paths-worker': 'pipeline/metrics/paths-worker.ts', 'render-worker': 'pipeline/charts/render-worker.ts' },
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    // CommonJS libraries inside an ES module still call require()
    banner: { js: "import { createRequire as __jejaringRequire } from 'node:module'; const require = __jejaringRequire(import.meta.url);" },
  });
  writeFileSync(join(tmp, 'build-stamp'), 'built from the sources in pipeline/\n');
  mkdirSync(DIST, { recursive: true });
  const files = readdirSync(tmp).sort((a, b) => Number(a === 'build-stamp') - Number(b === 'build-stamp'));
  // what an earlier build left (its code cache, a bundle of another name) goes first
  for (const f of readdirSync(DIST)) if (!files.includes(f)) rmSync(join(DIST, f), { force: true });
  for (const f of files) renameSync(join(tmp, f), join(DIST, f));
  rmSync(tmp, { recursive: true, force: true });
}

/** vega-canvas without its search for the `canvas` package (see the top of this file). */
const noCanvas = {
  name: 'no-canvas',
  setup(b) {
    b.onResolve({ filter: /^vega-canvas$/ }, () => ({ path: 'vega-canvas', namespace: 'no-canvas' }));
    b.onLoad({ filter: /.*/, namespace: 'no-canvas' }, () => ({
      contents: 'export const canvas = () => null, domCanvas = () => null, nodeCanvas = () => null, image = () => null;',
      loader: 'js',
    }));
  },
};

/** The bundle's entry, built first when missing or older than a source file. */
async function ensureBuilt() {
  const stale = builtAt() < newestSource();
  if (stale) {
    try {
      await build();
    } catch (error) {
      // a read-only install keeps the bundle it has
      if (builtAt() < 0) throw error;
    }
  }
  return ENTRY;
}

/**
 * The bundle's exports (built first when stale), compiled with the code cache saved by an earlier
 * run when V8 accepts it (the same bundle and the same Node). Otherwise it compiles as usual and,
 * at exit, saves the code compiled by then for the next run (a rename, atomic: runs in parallel
 * each write their own file); a read-only install runs without one.
 */
export async function loadBundle() {
  const entry = await ensureBuilt();
  let cachedData;
  try {
    cachedData = readFileSync(CACHE);
  } catch {
    cachedData = undefined;
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${readFileSync(entry, 'utf8')}\n})`;
  const script = new Script(wrapped, { filename: entry, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(entry), module, entry, dirname(entry));
  if (cachedData === undefined || script.cachedDataRejected) process.once('exit', () => saveCache(script));
  return module.exports;
}

function saveCache(script) {
  const tmp = `${CACHE}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, CACHE);
  } catch {
    rmSync(tmp, { force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await build();
