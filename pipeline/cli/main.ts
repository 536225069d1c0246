/**
 * `jejaring <command> [case-folder] [options]`: the one front door. It is the only place that
 * reads the command line and the environment, prints, handles signals and ends the process:
 *
 *   argv ─▶ language ─▶ command ─▶ options ─▶ paths ─▶ the command's function (spine, questionnaire)
 *
 * Results go to stdout, progress and errors to stderr (one line, no stack trace unless
 * JEJARING_DEBUG is set). Exit codes: 0 done, 1 bad input (or an unexpected failure, said as
 * such), 2 bad usage, 3 the PDF could not be printed. Ctrl-C and SIGTERM remove the run's temp
 * folders and stop the browser, then end the process by the same signal.
 * Paths are read against the folder the command was typed in, also through `npm run` (INIT_CWD).
 */
import { constants } from 'node:os';
import { resolve, sep } from 'node:path';
import { formatError, JejaringError } from '../errors.ts';
import { LANGS, type Lang, translator } from '../i18n.ts';
import { PROJECT_ROOT as ROOT, VERSION } from '../project.ts';
import type { Effects } from '../run.ts';
import { SAMPLE_CASE } from '../run.ts';
import { COMMANDS, type CommandDef, caseFolder, commandNamed } from './commands.ts';
import { commandHelp, generalHelp } from './help.ts';
import { closest, parseOptions } from './options.ts';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  signal?: AbortSignal;
}

/** The folder the user typed the command in: npm runs scripts from the project root and says where it was started in INIT_CWD. */
export function userFolder(io: Pick<Io, 'env' | 'cwd'>): string {
  const init = io.env.INIT_CWD;
  return init && resolve(io.cwd) === resolve(ROOT) ? resolve(init) : resolve(io.cwd);
}

/** The language of messages and help: `--lang` wherever it stands (any case), else JEJARING_LANG, else id. */
function language(argv: string[], env: NodeJS.ProcessEnv): Lang {
  let typed = env.JEJARING_LANG ?? 'id';
  argv.forEach((a, i) => {
    if (a === '--lang' && argv[i + 1]) typed = argv[i + 1]!;
    else if (a.startsWith('--lang=')) typed = a.slice('--lang='.length);
  });
  const lang = typed.trim().toLowerCase();
  return (LANGS as readonly string[]).includes(lang) ? (lang as Lang) : 'id';
}

/** Colour for a terminal that wants it (never with NO_COLOR, always with FORCE_COLOR). */
function painter(stream: Io['stderr'], env: NodeJS.ProcessEnv) {
  const on = env.FORCE_COLOR ? env.FORCE_COLOR !== '0' : !('NO_COLOR' in env) && stream.isTTY === true && env.TERM !== 'dumb';
  return (code: string, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
}

/** Progress on stderr; `open` is true while a stage's line waits for its time. */
function effectsFor(io: Io, base: string): Effects & { open: boolean } {
  const paint = painter(io.stderr, io.env);
  const debug = Boolean(io.env.JEJARING_DEBUG);
  const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
  // paths in results are shown as the user would type them
  const shown = (text: string) => text.replaceAll(`${base}${sep}`, '');
  const effects = {
    open: false,
    step(label: string, n: number, total: number) {
      const started = performance.now();
      io.stderr.write(`${paint('2', `[${n}/${total}]`)} ${label} …`);
      effects.open = true;
      return () => {
        const memory = debug ? ` (rss ${mib(process.memoryUsage().rss)} MiB, heap ${mib(process.memoryUsage().heapUsed)} MiB)` : '';
        io.stderr.write(` ${Math.round(performance.now() - started)} ms${memory}\n`);
        effects.open = false;
      };
    },
    note: (text: string) => io.stderr.write(`      ${shown(text)}\n`),
    result: (text: string) => io.stdout.write(`${shown(text)}\n`),
    ...(io.signal ? { signal: io.signal } : {}),
  };
  return effects;
}

/** Run one command line; returns the exit code. Never throws, never exits. */
export async function main(argv: string[], io: Io): Promise<number> {
  const tr = translator(language(argv, io.env));
  const paint = painter(io.stderr, io.env);
  const base = userFolder(io);
  const effects = effectsFor(io, base);
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      const command = first === 'help' && rest[0] ? findCommand(rest[0]) : null;
      io.stdout.write(command ? commandHelp(command, tr) : generalHelp(tr, VERSION));
      return 0;
    }
    if (first === '--version' || first === '-V') {
      io.stdout.write(`jejaring ${VERSION}\n`);
      return 0;
    }
    const command = findCommand(first);
    const { values, positionals } = parseOptions(rest, command.options);
    if (values.help) {
      io.stdout.write(commandHelp(command, tr));
      return 0;
    }
    if (!command.takesCase && positionals.length > 0) {
      throw new JejaringError('USAGE_NO_CASE', { command: command.name, extra: positionals.join(' ') }, null, 2);
    }
    if (positionals.length > 1) throw new JejaringError('USAGE_EXTRA', { extra: positionals.slice(1).join(' ') }, null, 2);
    const path = (typed: string) => resolve(base, typed);
    const sample = resolve(ROOT, SAMPLE_CASE);
    const caseDir = !command.takesCase ? '' : caseFolder(positionals[0] === undefined ? sample : path(positionals[0]));
    await command.run(values, caseDir, { tr, effects, path, sample });
    return 0;
  } catch (error) {
    if (io.signal?.aborted) return 1;
    if (effects.open) io.stderr.write('\n');
    if (error instanceof JejaringError) {
      io.stderr.write(`${paint('31', formatError(error, tr))}\n`);
      if (error.exitCode === 2) io.stderr.write(`${tr.t('cli.help.hint')}\n`);
      if (io.env.JEJARING_DEBUG && error.stack) io.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    // a failure that is not one of ours: one line, said as unexpected; the stack only on request
    const detail = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    io.stderr.write(`${paint('31', formatError(new JejaringError('INTERNAL', { detail }), tr))}\n`);
    if (io.env.JEJARING_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

/** A command by name; an unknown word is a usage error naming the closest command. */
function findCommand(name: string): CommandDef {
  const command = commandNamed(name);
  if (command) return command;
  const names = COMMANDS.map((c) => c.name);
  throw new JejaringError(
    'USAGE_UNKNOWN_COMMAND',
    { command: name, commands: names.join(', '), suggestion: closest(name, names) ?? '' },
    null,
    2,
  );
}

/** The process: signals, stdio and the exit code around `main`. */
export async function cli(argv = process.argv.slice(2)): Promise<void> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    // listeners of the signal remove temp folders and stop the browser, synchronously
    controller.abort();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // end as the signal asks: the shell sees an interrupted command (130, 143), not an exit code of
    // ours; where the signal was ignored when we started, the same status is set by hand
    process.exitCode = 128 + (constants.signals[signal] ?? 0);
    process.kill(process.pid, signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Through `npm run`, a SIGTERM sent to npm reaches the shell npm runs the script in, which ends
  // without passing it on: when the process that started us is gone, stop as for SIGTERM.
  const parent = process.ppid;
  const watch = process.env.npm_lifecycle_event ? setInterval(() => process.ppid !== parent && onSignal('SIGTERM'), 250) : null;
  watch?.unref();
  const code = await main(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  });
  if (process.env.JEJARING_DEBUG) process.stderr.write(`peak rss ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB\n`);
  if (watch) clearInterval(watch);
  if (!controller.signal.aborted) process.exitCode = code;
}
