/**
 * Finding a Chromium-family browser to print the PDF, in this order:
 *   1. `--browser <path>`, or the JEJARING_BROWSER / CHROME_PATH environment variables;
 *   2. a system Chrome, Chromium or Edge at a known path or on PATH;
 *   3. on Linux x64, the Chromium shipped inside the `@sparticuz/chromium` npm package, unpacked
 *      once into `node_modules/.cache/jejaring-chromium-<version>/` (so `npm ci` is all a fresh
 *      Debian machine needs).
 * Otherwise the run stops with PDF_NO_BROWSER (the HTML is still written; `--no-pdf` skips PDF).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join, sep } from 'node:path';
import { JejaringError } from './errors.ts';

export interface BrowserChoice {
  executablePath: string;
  args: string[];
  source: 'option' | 'env' | 'system' | 'bundled';
}

/** Flags for headless printing of our own local HTML on a machine with no network. */
const BASE_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-extensions',
  '--mute-audio',
  '--font-render-hinting=none',
];

const CANDIDATES: Record<string, string[]> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/opt/google/chrome/chrome',
    '/opt/microsoft/msedge/msedge',
    '/snap/bin/chromium',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    ...['LOCALAPPDATA', 'PROGRAMFILES', 'PROGRAMFILES(X86)'].flatMap((v) => {
      const base = process.env[v];
      return base
        ? [join(base, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(base, 'Microsoft', 'Edge', 'Application', 'msedge.exe')]
        : [];
    }),
  ],
};
const ON_PATH = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'microsoft-edge'];

function onPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const full = join(dir, name);
    if (dir && existsSync(full)) return full;
  }
  return null;
}

export function systemBrowser(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const p of CANDIDATES[process.platform] ?? []) if (existsSync(p)) return p;
  for (const name of ON_PATH) {
    const found = onPath(name, env);
    if (found) return found;
  }
  return null;
}

async function bundledBrowser(): Promise<BrowserChoice | null> {
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    // the package's `exports` hide package.json: find its folder from the entry point
    const entry = require.resolve('@sparticuz/chromium');
    pkgDir = entry.slice(0, entry.lastIndexOf(`${sep}build${sep}`));
  } catch {
    return null;
  }
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  // Unpack into a cache folder of our own, keyed by version: the package reuses any `chromium`
  // it finds in the temp folder without checking its version.
  const cache = join(pkgDir, '..', '..', '.cache', `jejaring-chromium-${version}`);
  mkdirSync(cache, { recursive: true });
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = cache;
  try {
    const { default: chromium } = await import('@sparticuz/chromium');
    const executablePath = await chromium.executablePath();
    // Our own flags, not the package's: those are for a one-core cloud function (--single-process,
    // which prints one page at a time) and switch off web security, which a report never needs.
    return { executablePath, args: [...BASE_ARGS, '--no-zygote'], source: 'bundled' };
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
}

export async function findBrowser(option: string | null, env: NodeJS.ProcessEnv = process.env): Promise<BrowserChoice> {
  if (option) {
    if (!existsSync(option)) throw new JejaringError('PDF_NO_BROWSER', {}, { file: option }, 3);
    return { executablePath: option, args: BASE_ARGS, source: 'option' };
  }
  const fromEnv = env.JEJARING_BROWSER || env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv)) return { executablePath: fromEnv, args: BASE_ARGS, source: 'env' };
  const system = systemBrowser(env);
  if (system) return { executablePath: system, args: BASE_ARGS, source: 'system' };
  const bundled = await bundledBrowser();
  if (bundled) return bundled;
  throw new JejaringError('PDF_NO_BROWSER', {}, null, 3);
}
