/**
 * Builds `dist/`: the pipeline bundled by esbuild into one ES module for the `jejaring` command
 * (`dist/jejaring.mjs`) plus one per worker thread (`dist/paths-worker.mjs`,
 * `dist/render-worker.mjs`). Node then loads a few files instead of hundreds of TypeScript and
 * library modules, and needs no TypeScript loader, so an install without dev dependencies runs.
 * Run by `npm ci` (`prepare`) and, from `bin/jejaring.mjs`, again whenever a source file is newer
 * than the bundle (a developer's checkout).
 *
 * Left outside the bundle (loaded from node_modules when needed): the PDF printer's browser
 * packages and exceljs, which only some runs use and which load files of their own.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
export const ENTRY = join(DIST, 'jejaring.mjs');
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
  await esbuild({
    absWorkingDir: ROOT,
    entryPoints: {
      jejaring: 'pipeline/cli/main.ts',
      'paths-worker': 'pipeline/metrics/paths-worker.ts',
      'render-worker': 'pipeline/charts/render-worker.ts',
    },
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    // CommonJS libraries inside an ES module still call require()
    banner: { js: "import { createRequire as __jejaringRequire } from 'node:module'; const require = __jejaringRequire(import.meta.url);" },
    legalComments: 'none',
    logLevel: 'error',
  });
  writeFileSync(join(tmp, 'build-stamp'), 'built from the sources in pipeline/\n');
  mkdirSync(DIST, { recursive: true });
  const files = readdirSync(tmp).sort((a, b) => Number(a === 'build-stamp') - Number(b === 'build-stamp'));
  for (const f of files) renameSync(join(tmp, f), join(DIST, f));
  rmSync(tmp, { recursive: true, force: true });
}

/** The bundle's entry, built first when missing or older than a source file. */
export async function ensureBuilt() {
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

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await build();
