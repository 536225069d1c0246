/**
 * Command-line plumbing shared by `run.ts` and the stand-alone stage scripts: argument parsing,
 * progress lines on stderr, and the one place that catches an error, prints it in one readable
 * line (no stack trace unless JEJARING_DEBUG is set) and exits with its code.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatError, JejaringError } from './errors.ts';
import { LANGS, type Lang, type Translator, translator } from './i18n.ts';
import { AUDIENCES, type Audience, DEFAULT_AUDIENCE } from './privacy.ts';

export interface CliOptions {
  positional: string[];
  out: string;
  lang: Lang;
  pdf: boolean;
  browser: string | null;
  /** Validate the inputs and print the data-quality summary; build nothing. */
  check: boolean;
  /** Treat data-quality warnings and rejected rows as failure. */
  strict: boolean;
  /** The edition: internal (names) or a shared one (pseudonymised). */
  audience: Audience;
}

const CLI_OPTIONS = {
  out: { type: 'string', default: 'out' },
  lang: { type: 'string', default: 'id' },
  'no-pdf': { type: 'boolean', default: false },
  browser: { type: 'string' },
  check: { type: 'boolean', default: false },
  strict: { type: 'boolean', default: false },
  audience: { type: 'string', default: DEFAULT_AUDIENCE },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export function parseCli(argv: string[]): CliOptions {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof CLI_OPTIONS }>>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: CLI_OPTIONS,
    });
  } catch (cause) {
    throw new JejaringError('USAGE', { detail: cause instanceof Error ? cause.message : String(cause) }, null, 2, { cause });
  }
  const { values, positionals } = parsed;
  if (values.help) throw new JejaringError('USAGE', { detail: '' }, null, 0);
  if (!(LANGS as readonly string[]).includes(values.lang)) {
    throw new JejaringError('USAGE', { detail: `--lang ${values.lang}: ${LANGS.join(' | ')}` }, null, 2);
  }
  if (!(AUDIENCES as readonly string[]).includes(values.audience)) {
    throw new JejaringError('USAGE', { detail: `--audience ${values.audience}: ${AUDIENCES.join(' | ')}` }, null, 2);
  }
  return {
    positional: positionals,
    out: values.out,
    lang: values.lang as Lang,
    pdf: !values['no-pdf'],
    browser: values.browser ?? null,
    check: values.check,
    strict: values.strict,
    audience: values.audience as Audience,
  };
}

/** Whether the module at `url` is the script node was started with. */
export function isMain(url: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(url));
  } catch {
    return false;
  }
}

export interface Progress {
  step(label: string): () => void;
  line(text: string): void;
}

export function progress(total: number, stream: NodeJS.WritableStream = process.stderr): Progress {
  let n = 0;
  return {
    step(label) {
      n++;
      const started = performance.now();
      stream.write(`[${n}/${total}] ${label} …`);
      const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
      const memory = () => {
        if (!process.env.JEJARING_DEBUG) return '';
        const { rss, heapUsed } = process.memoryUsage();
        return ` (rss ${mib(rss)} MiB, heap ${mib(heapUsed)} MiB)`;
      };
      return () => stream.write(` ${Math.round(performance.now() - started)} ms${memory()}\n`);
    },
    line: (text) => stream.write(`      ${text}\n`),
  };
}

/** Run a CLI body; the only place that prints errors and calls process.exit. */
export function runCli(body: (options: CliOptions, tr: Translator) => Promise<void>): void {
  let tr = translator('id');
  const fail = (error: unknown): never => {
    process.stderr.write('\n');
    if (error instanceof JejaringError) {
      if (error.code === 'USAGE') {
        process.stderr.write(`${tr.t('cli.usage')}\n`);
        if (error.params.detail) process.stderr.write(`${formatError(error, tr)}\n`);
      } else {
        process.stderr.write(`${formatError(error, tr)}\n`);
      }
      if (process.env.JEJARING_DEBUG && error.stack) process.stderr.write(`${error.stack}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(`${error instanceof Error ? (process.env.JEJARING_DEBUG ? error.stack : error.message) : String(error)}\n`);
    process.exit(70);
  };
  try {
    const options = parseCli(process.argv.slice(2));
    tr = translator(options.lang);
    body(options, tr)
      .then(() => {
        if (process.env.JEJARING_DEBUG) process.stderr.write(`peak rss ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB\n`);
      })
      .catch(fail);
  } catch (error) {
    fail(error);
  }
}
