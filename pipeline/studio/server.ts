/**
 * The facilitator's workbench: a page served from this laptop to build a case from the files as
 * downloaded, fix what the data-quality log finds, and get the report. It is the command line's
 * spine behind a page, not a second pipeline: a build is `run()` with effects that feed the page's
 * progress bar, the questionnaire is `writeQuestionnaire`, an inspection reads with the ingest
 * adapters (ingest/inspect.ts). Modules load once per start, and one browser stays open for every
 * PDF (handed to the spine as `effects.printer`).
 *
 * Node's own http server: a dozen routes, JSON in and out, uploads as the request body (no
 * multipart), so a framework would add more than it saves. Who may call it: security.ts. Where
 * it may read and write: workspace.ts.
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { AUDIENCES, type Audience } from '../edition.ts';
import { formatError, JejaringError } from '../errors.ts';
import { LANGS, type Lang, type Translator, translator } from '../i18n.ts';
import { maxFileBytes } from '../ingest/csv.ts';
import { PdfPrinter } from '../pdf.ts';
import { projectFile } from '../project.ts';
import { writeQuestionnaire } from '../questionnaire.ts';
import { fontCss } from '../report.ts';
import { type Effects, run } from '../run.ts';
import {
  addActor,
  addAlias,
  addRosterRows,
  addRound,
  caseConfig,
  checkUploadSize,
  createCase,
  dropRound,
  exploreSpecs,
  inspect,
  MAPPABLE,
  mapColumn,
  rosterView,
  setRound,
  summarise,
  uploadRoster,
} from './cases.ts';
import { cookieName, type Guard, newToken, refusal, sessionCookie } from './security.ts';
import { REPORTS, Workspace } from './workspace.ts';

export interface StudioOptions {
  workspace: string;
  /** 0: any free port. */
  port: number;
  /** A PDF printer to use (tests, bench); by default one is started with the server. */
  printer?: PdfPrinter;
}

export interface Studio {
  url: string;
  port: number;
  token: string;
  workspace: string;
  close(): Promise<void>;
  /** The build jobs, for tests and the bench. */
  build(caseName: string, audience: Audience, lang: Lang): Promise<Job>;
}

export interface Job {
  id: string;
  caseName: string;
  audience: Audience;
  status: 'running' | 'done' | 'failed';
  step: { label: string; n: number; total: number; done: boolean } | null;
  /** Each stage's time, as it ended (ms). */
  stages: { label: string; ms: number }[];
  notes: string[];
  result: string | null;
  error: string | null;
  ms: number | null;
}

/** The files of the page and the chart libraries it loads from node_modules (never a CDN). */
const PAGE_FILES: Record<string, string> = {
  'studio.js': 'templates/studio/studio.js',
  'studio.css': 'templates/studio/studio.css',
  'explore.js': 'templates/studio/explore.js',
};
const VENDOR: Record<string, [pkg: string, file: string]> = {
  'vega.min.js': ['vega', 'build/vega.min.js'],
  'vega-lite.min.js': ['vega-lite', 'build/vega-lite.min.js'],
  'vega-embed.min.js': ['vega-embed', 'build/vega-embed.min.js'],
};
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.yaml': 'text/plain; charset=utf-8',
};
/** The page: its own scripts only, no inline script, nothing from elsewhere. */
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "frame-src 'self'; font-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/** A report shown in the page: no script at all (it has none), its fonts and images inline. */
const REPORT_CSP =
  "sandbox allow-same-origin; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'self'";

/** Files of a built report that the page may open or download. */
const REPORT_FILE = /^(report\.html|report\.pdf|data-quality\.csv|metrics\.json|(tables|charts)\/[A-Za-z0-9._-]+\.(csv|svg|vl\.json))$/;
const QUESTIONNAIRE_FILE = /^[A-Za-z0-9._-]+\.(xlsx|html|pdf|csv|yaml)$/;
const JSON_LIMIT = 1024 * 1024;

function packageFile(pkg: string, file: string): string {
  const require = createRequire(import.meta.url);
  // a package's `exports` may hide its files: find its folder from the entry point
  let dir = dirname(require.resolve(pkg));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, file);
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: JejaringError,
  ) {
    super(error.code);
  }
}

const statusOf = (code: string) =>
  code === 'STUDIO_TOKEN' || code === 'STUDIO_HOST' || code === 'STUDIO_ORIGIN' || code === 'STUDIO_PATH'
    ? 403
    : code === 'STUDIO_NOT_FOUND'
      ? 404
      : code === 'FILE_TOO_LARGE'
        ? 413
        : code === 'STUDIO_BUSY'
          ? 409
          : code === 'INTERNAL'
            ? 500
            : 400;

/** The body, at most `limit` bytes: a larger one is refused as soon as it is known, before it is kept. */
function body(req: IncomingMessage, limit: number, name: string): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(declared, name));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge(size, name));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tooLarge(size: number, name: string): JejaringError {
  try {
    checkUploadSize(size, name);
  } catch (error) {
    return error as JejaringError;
  }
  return new JejaringError('FILE_TOO_LARGE', { size: 0, limit: 0 }, { file: name });
}

async function json<T>(req: IncomingMessage): Promise<T> {
  const data = await body(req, JSON_LIMIT, 'request');
  try {
    return JSON.parse(data.toString('utf8') || '{}') as T;
  } catch {
    throw new JejaringError('STUDIO_BAD_REQUEST', { detail: 'JSON' });
  }
}

const langOf = (req: IncomingMessage): Lang => {
  const typed = String(req.headers['x-jejaring-lang'] ?? 'id').toLowerCase();
  return (LANGS as readonly string[]).includes(typed) ? (typed as Lang) : 'id';
};

const audienceOf = (typed: unknown): Audience => {
  if (typeof typed === 'string' && (AUDIENCES as readonly string[]).includes(typed)) return typed as Audience;
  throw new JejaringError('STUDIO_BAD_REQUEST', { detail: 'audience' });
};

/** Open the page in the default browser, when the machine has one; a start never fails for want of one. */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : [process.platform === 'darwin' ? 'open' : 'xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no browser opener on this machine: the address is printed
  }
}

/** Start the workbench; resolves once it listens. */
export async function startStudio(options: StudioOptions & { open?: boolean }): Promise<Studio> {
  const ws = new Workspace(options.workspace);
  const printer = options.printer ?? new PdfPrinter({ browser: null, date: null }).warm();
  const words = new Map<Lang, Translator>(LANGS.map((l) => [l, translator(l)]));
  const trOf = (req: IncomingMessage) => words.get(langOf(req))!;
  const jobs = new Map<string, Job>();
  let running: Job | null = null;
  let nextJob = 1;
  const guard: Guard = { token: newToken(), cookieName: '', port: 0 };
  let fonts: string | null = null;

  async function build(caseName: string, audience: Audience, lang: Lang): Promise<Job> {
    if (running) throw new JejaringError('STUDIO_BUSY', {});
    const dir = ws.caseDir(caseName);
    const job: Job = {
      id: String(nextJob++),
      caseName,
      audience,
      status: 'running',
      step: null,
      stages: [],
      notes: [],
      result: null,
      error: null,
      ms: null,
    };
    jobs.set(job.id, job);
    running = job;
    const tr = words.get(lang)!;
    const started = performance.now();
    const effects: Effects = {
      step(label, n, total) {
        job.step = { label, n, total, done: false };
        const begun = performance.now();
        return () => {
          if (job.step) job.step.done = true;
          job.stages.push({ label, ms: Math.round(performance.now() - begun) });
        };
      },
      note: (text) => void job.notes.push(text.replaceAll(ws.root, '').trim()),
      result(text) {
        job.result = text.replaceAll(ws.root, '').trim();
      },
      printer,
    };
    const out = ws.reports(audience);
    const options = { positional: [dir], out, lang, pdf: true, browser: null, check: false, strict: false, audience };
    const done = run(options, tr, effects)
      .then(() => {
        job.status = 'done';
      })
      .catch((error: unknown) => {
        job.status = 'failed';
        job.error = error instanceof JejaringError ? formatError(error, tr) : formatError(internal(error), tr);
      })
      .finally(() => {
        job.ms = Math.round(performance.now() - started);
        running = null;
      });
    await Promise.race([done, new Promise((resolve) => setImmediate(resolve))]);
    return job;
  }

  const routes: [method: string, pattern: RegExp, handler: (m: string[], req: IncomingMessage, res: ServerResponse) => Promise<unknown>][] =
    [
      [
        'GET',
        /^\/api\/words$/,
        async (_m, req) => ({ lang: langOf(req), words: wordsFor(trOf(req)), mappable: MAPPABLE, audiences: AUDIENCES }),
      ],
      [
        'GET',
        /^\/api\/cases$/,
        async (_m, req) => ({ workspace: ws.root, cases: await Promise.all(ws.cases().map((c) => summarise(ws, c, trOf(req)))) }),
      ],
      ['POST', /^\/api\/cases$/, async (_m, req) => ({ name: createCase(ws, await json(req)) })],
      [
        'GET',
        /^\/api\/cases\/([^/]+)$/,
        async ([c], req) => ({ summary: await summarise(ws, c!, trOf(req)), roster: rosterView(ws, c!, trOf(req)) }),
      ],
      [
        'PUT',
        /^\/api\/cases\/([^/]+)\/roster$/,
        async ([c], req) => {
          const name = fileParam(req);
          return { actors: await uploadRoster(ws, c!, name, await body(req, maxFileBytes(), name), trOf(req)) };
        },
      ],
      [
        'POST',
        /^\/api\/cases\/([^/]+)\/roster$/,
        async ([c], req) => ({ actors: addRosterRows(ws, c!, (await json<{ rows: never[] }>(req)).rows ?? [], trOf(req)) }),
      ],
      [
        'POST',
        /^\/api\/cases\/([^/]+)\/alias$/,
        async ([c], req) => {
          const b = await json<{ alias: string; actor: string }>(req);
          addAlias(ws, c!, String(b.alias ?? ''), String(b.actor ?? ''), trOf(req));
          return { ok: true };
        },
      ],
      [
        'POST',
        /^\/api\/cases\/([^/]+)\/actors$/,
        async ([c], req) => {
          const b = await json<{ name: string; category: string }>(req);
          addActor(ws, c!, String(b.name ?? ''), String(b.category ?? ''), trOf(req));
          return { ok: true };
        },
      ],
      [
        'PUT',
        /^\/api\/cases\/([^/]+)\/rounds$/,
        async ([c], req) => {
          const name = fileParam(req);
          return { round: addRound(ws, c!, name, await body(req, maxFileBytes(), name), trOf(req)) };
        },
      ],
      ['GET', /^\/api\/cases\/([^/]+)\/rounds\/([^/]+)$/, async ([c, r], req) => inspect(ws, c!, r!, trOf(req))],
      [
        'POST',
        /^\/api\/cases\/([^/]+)\/rounds\/([^/]+)$/,
        async ([c, r], req) => {
          const b = await json<{ label: string; date: string; drop?: boolean }>(req);
          if (b.drop === true) dropRound(ws, c!, r!);
          else setRound(ws, c!, r!, String(b.label ?? ''), String(b.date ?? ''));
          return { ok: true };
        },
      ],
      [
        'POST',
        /^\/api\/cases\/([^/]+)\/rounds\/([^/]+)\/column$/,
        async ([c, r], req) => {
          const b = await json<{ table: string; column: string; field: string }>(req);
          await mapColumn(ws, c!, r!, String(b.table ?? ''), String(b.column ?? ''), String(b.field ?? ''), trOf(req));
          return { ok: true };
        },
      ],
      [
        'POST',
        /^\/api\/cases\/([^/]+)\/questionnaire$/,
        async ([c], req) => {
          const tr = trOf(req);
          const target = await writeQuestionnaire(caseConfig(ws.caseDir(c!), tr), tr, ws.path(REPORTS, 'kuesioner'), true, null);
          return { files: readdirNames(target) };
        },
      ],
      [
        'GET',
        /^\/api\/cases\/([^/]+)\/questionnaire\/([^/]+)$/,
        async ([c, f], _req, res) => {
          if (!QUESTIONNAIRE_FILE.test(f!)) throw new JejaringError('STUDIO_PATH', { path: f! });
          ws.caseDir(c!);
          return sendFile(res, ws.path(REPORTS, 'kuesioner', `${c}-questionnaire`, f!), true);
        },
      ],
      [
        'POST',
        /^\/api\/cases\/([^/]+)\/build$/,
        async ([c], req) => {
          const b = await json<{ audience: string; lang: string }>(req);
          const lang = (LANGS as readonly string[]).includes(b.lang) ? (b.lang as Lang) : langOf(req);
          return build(c!, audienceOf(b.audience), lang);
        },
      ],
      [
        'GET',
        /^\/api\/jobs\/(\d+)$/,
        async ([id]) => jobs.get(id!) ?? Promise.reject(new JejaringError('STUDIO_NOT_FOUND', { name: id! })),
      ],
      [
        'GET',
        /^\/api\/cases\/([^/]+)\/reports\/([^/]+)\/(.+)$/,
        async ([c, a, f], req, res) => {
          if (!REPORT_FILE.test(f!)) throw new JejaringError('STUDIO_PATH', { path: f! });
          ws.caseDir(c!);
          const path = ws.path(REPORTS, audienceOf(a), c!, ...f!.split('/'));
          const download = new URL(req.url ?? '/', 'http://x').searchParams.has('download');
          return sendFile(res, path, download, f === 'report.html' ? REPORT_CSP : null);
        },
      ],
      ['GET', /^\/api\/cases\/([^/]+)\/explore\/([^/]+)$/, async ([c, a], req) => exploreSpecs(ws, c!, audienceOf(a), trOf(req))],
    ];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refused = refusal(req, guard, url.searchParams.get('token'));
    if (refused) throw new HttpError(403, new JejaringError(refused, {}));
    // a path with `..`, a backslash or NUL in any form is refused before it is looked at
    const raw = req.url ?? '/';
    const decoded = safeDecode(url.pathname);
    const rawPath = raw.split('?')[0]!;
    const dots = /(^|\/)\.\.(\/|$)|\\|\0/;
    if (dots.test(decoded) || dots.test(rawPath) || /%2e%2e|%2f|%5c|%00/i.test(rawPath)) {
      throw new HttpError(403, new JejaringError('STUDIO_PATH', { path: decoded.slice(0, 120) }));
    }
    if (req.method === 'GET' && url.pathname === '/') {
      if (url.searchParams.has('token')) {
        // the address printed at start: set the cookie, then show the page without the token in its address
        res.writeHead(303, { 'Set-Cookie': sessionCookie(guard), Location: '/', 'Cache-Control': 'no-store' });
        res.end();
        return;
      }
      return void sendFile(res, projectFile('templates/studio/index.html'), false, PAGE_CSP);
    }
    if (req.method === 'GET' && url.pathname === '/static/fonts.css') {
      // the report's own font, so that the explorer's charts look as they do in the report
      fonts ??= fontCss();
      res.writeHead(200, headers({ 'Content-Type': TYPES['.css']! }));
      return void res.end(fonts);
    }
    const page = /^\/static\/([a-z.]+)$/.exec(url.pathname);
    if (req.method === 'GET' && page && PAGE_FILES[page[1]!]) return void sendFile(res, projectFile(PAGE_FILES[page[1]!]!), false);
    const vendor = /^\/vendor\/([a-z.-]+)$/.exec(url.pathname);
    if (req.method === 'GET' && vendor && VENDOR[vendor[1]!]) {
      const [pkg, file] = VENDOR[vendor[1]!]!;
      return void sendFile(res, packageFile(pkg, file), false);
    }
    for (const [method, pattern, handler] of routes) {
      const m = pattern.exec(url.pathname);
      if (!m || method !== req.method) continue;
      const params = m.slice(1).map(safeDecode);
      const value = await handler(params, req, res);
      if (!res.headersSent) sendJson(res, 200, value);
      return;
    }
    throw new HttpError(404, new JejaringError('STUDIO_NOT_FOUND', { name: url.pathname.slice(0, 120) }));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const tr = trOf(req);
      const known = error instanceof HttpError ? error.error : error instanceof JejaringError ? error : internal(error);
      const status = error instanceof HttpError ? error.status : statusOf(known.code);
      if (res.headersSent) return void res.end();
      sendJson(res, status, { error: formatError(known, tr), code: known.code });
    });
  });
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  }).catch(async (error: NodeJS.ErrnoException) => {
    // the port asked for is taken: any free port will do, the address is printed anyway
    if (error.code !== 'EADDRINUSE' || options.port === 0) throw error;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  guard.port = port;
  guard.cookieName = cookieName(port);
  const url = `http://127.0.0.1:${port}/?token=${guard.token}`;
  if (options.open) openBrowser(url);
  return {
    url,
    port,
    token: guard.token,
    workspace: ws.root,
    build,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (!options.printer) await printer.close();
    },
  };
}

function internal(error: unknown): JejaringError {
  const detail = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return new JejaringError('INTERNAL', { detail });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new HttpError(403, new JejaringError('STUDIO_PATH', { path: text.slice(0, 120) }));
  }
}

function fileParam(req: IncomingMessage): string {
  const name = new URL(req.url ?? '/', 'http://x').searchParams.get('name') ?? '';
  if (name === '') throw new JejaringError('STUDIO_BAD_REQUEST', { detail: 'name' });
  return name;
}

const readdirNames = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

function headers(extra: Record<string, string>): Record<string, string> {
  return { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store', ...extra };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, headers({ 'Content-Type': TYPES['.json']! }));
  res.end(JSON.stringify(value));
}

function sendFile(res: ServerResponse, path: string, download: boolean, csp: string | null = null): void {
  if (!existsSync(path) || !statSync(path).isFile()) throw new JejaringError('STUDIO_NOT_FOUND', { name: path.split(/[\\/]/).pop()! });
  const name = path.split(/[\\/]/).pop()!;
  const type = TYPES[name.endsWith('.vl.json') ? '.json' : extname(name)] ?? 'application/octet-stream';
  const extra: Record<string, string> = { 'Content-Type': type, 'Content-Length': String(statSync(path).size) };
  if (csp) extra['Content-Security-Policy'] = csp;
  if (download) extra['Content-Disposition'] = `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"`;
  res.writeHead(200, headers(extra));
  createReadStream(path).pipe(res);
}

/** The words of the page: the studio section, and the domain's words it shows. */
function wordsFor(tr: Translator) {
  return {
    studio: tr.section('studio'),
    category: tr.section('category'),
    levels: tr.section('levels'),
  };
}

/**
 * `jejaring studio`: start the workbench on a workspace, print its address (with the token),
 * open the browser, and serve until the command is interrupted (Ctrl-C).
 */
export async function serveStudio(workspace: string, portText: string, tr: Translator, effects: Effects): Promise<void> {
  const port = Number(portText);
  if (!/^\d+$/.test(portText.trim()) || port > 65535)
    throw new JejaringError('USAGE_VALUE', { option: '--port', value: portText, allowed: '0–65535', suggestion: '' }, null, 2);
  const studio = await startStudio({ workspace, port, open: true });
  effects.note(tr.t('studio.cli.workspace', { path: studio.workspace }));
  effects.result(tr.t('studio.cli.address', { url: studio.url }));
  effects.note(tr.t('studio.cli.stop'));
  await new Promise<void>((resolve) => {
    if (effects.signal?.aborted) return resolve();
    effects.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  await studio.close();
}
