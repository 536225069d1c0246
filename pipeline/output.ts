/**
 * Writing outputs so that no half report is ever left:
 * - a single file is written to a temp file beside it and renamed into place;
 * - a whole run writes into a temp folder beside `<out>/<case>/`, which replaces the old folder
 *   only when every stage succeeded (the old one is moved aside, then removed).
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Papa from 'papaparse';
import { JejaringError } from './errors.ts';

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** JSON with two-space indent and a final newline (stable for diffs). */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * A file's content: text, bytes, or text in pieces (`Chunks`), written one after another so that
 * a large file is never one string in memory.
 */
export type FileData = string | Uint8Array | Chunks;
export interface Chunks {
  chunks: Iterable<string>;
}

/**
 * `json(value)` in pieces: the same characters, but the top levels of objects and arrays are
 * written member by member, so a city-wide case's metrics.json (tens of MB) is never built as
 * one string. Below `depth` a member is one `JSON.stringify`, indented to its place (a JSON
 * string never holds a raw line break, so indenting every line break is exact).
 */
export function jsonChunks(value: unknown, depth = 4): Chunks {
  return { chunks: jsonPieces(value, '', depth, true) };
}

function* jsonPieces(value: unknown, indent: string, depth: number, last: boolean): Generator<string> {
  const plain = depth === 0 || value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function';
  if (plain) {
    const text = JSON.stringify(value, null, 2) ?? 'null';
    yield indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
  } else {
    const inner = `${indent}  `;
    const array = Array.isArray(value);
    // what JSON.stringify drops from an object, or writes as null in an array
    const skipped = (x: unknown) => x === undefined || typeof x === 'function' || typeof x === 'symbol';
    const members: [string | null, unknown][] = array
      ? (value as unknown[]).map((x) => [null, skipped(x) ? null : x])
      : Object.entries(value as object).filter(([, x]) => !skipped(x));
    if (members.length === 0) yield array ? '[]' : '{}';
    else {
      yield array ? '[' : '{';
      for (const [i, [key, x]] of members.entries()) {
        yield `${i > 0 ? ',' : ''}\n${inner}${key === null ? '' : `${JSON.stringify(key)}: `}`;
        yield* jsonPieces(x, inner, depth - 1, false);
      }
      yield `\n${indent}${array ? ']' : '}'}`;
    }
  }
  if (last) yield '\n';
}

/**
 * Text in pieces is written a block of about this many characters at a time: one system call per
 * piece (a JSON file's pieces are mostly a key or a bracket) took 0.4 s for the 100-group
 * case's internal edition, a block is one string of at most a few MB.
 */
const WRITE_BLOCK = 1 << 20;

/** Write `data` to `path` (created or replaced); returns its length in characters or bytes. */
export function writeData(path: string, data: FileData): number {
  if (typeof data === 'string' || data instanceof Uint8Array) {
    writeFileSync(path, data);
    return data.length;
  }
  const fd = openSync(path, 'w');
  let length = 0;
  let block: string[] = [];
  let held = 0;
  const flush = () => {
    if (held > 0) writeSync(fd, block.join(''));
    block = [];
    held = 0;
  };
  try {
    for (const chunk of data.chunks) {
      block.push(chunk);
      held += chunk.length;
      length += chunk.length;
      if (held >= WRITE_BLOCK) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return length;
}

/** CSV with formula injection neutralised (cells starting with = + - @ tab CR get a leading '). */
export function csv(rows: Record<string, unknown>[], columns: string[]): string {
  const data = rows.map((r) => columns.map((c) => r[c] ?? ''));
  return `${Papa.unparse({ fields: columns, data }, { escapeFormulae: true, newline: '\n' })}\n`;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The real path of `path`, also when it does not exist yet: its nearest existing folder, resolved, plus the rest. */
export function realPath(path: string): string {
  const full = resolve(path);
  if (existsSync(full)) return realpathSync(full);
  const parent = dirname(full);
  return parent === full ? full : join(realPath(parent), basename(full));
}

/** A path and every folder above it, up to the root. */
function* selfAndAncestors(path: string): Generator<string> {
  for (let p = path; ; p = dirname(p)) {
    yield p;
    if (dirname(p) === p) return;
  }
}

/**
 * Refuse an output folder that is, lies inside or contains one of `inputs` (case folders), by real
 * path: replacing it would move the case aside and delete it. With several `targets` (a folder
 * run's case folders, checked before any is written), the first target in order that overlaps
 * is named, with the first input it overlaps. Pairs are found by looking up each path's folders
 * above it, so a province of thousands of cases is checked in linear time.
 */
export function refuseOverlap(targets: string | readonly string[], inputs: readonly string[]): void {
  const outs = typeof targets === 'string' ? [targets] : targets;
  const index = (paths: string[]) => {
    const at = new Map<string, number[]>();
    for (const [i, p] of paths.entries()) at.set(p, [...(at.get(p) ?? []), i]);
    return at;
  };
  const realOuts = outs.map(realPath);
  const realIns = inputs.map(realPath);
  const [outAt, inAt] = [index(realOuts), index(realIns)];
  let first: { out: number; input: number } | null = null;
  const overlap = (out: number, input: number) => {
    if (!first || out < first.out || (out === first.out && input < first.input)) first = { out, input };
  };
  // a target inside (or equal to) an input, then an input inside a target
  realOuts.forEach((p, out) => {
    for (const above of selfAndAncestors(p)) for (const input of inAt.get(above) ?? []) overlap(out, input);
  });
  realIns.forEach((p, input) => {
    for (const above of selfAndAncestors(p)) for (const out of outAt.get(above) ?? []) overlap(out, input);
  });
  const found = first as { out: number; input: number } | null;
  if (found) throw new JejaringError('OUT_OVERLAPS_CASE', { case: inputs[found.input]! }, { file: outs[found.out]! }, 2);
}

/** Run a write to the output folder; a folder that cannot be written or a full disk is one line, exit 2. */
function writing<T>(target: string, body: () => T): T {
  try {
    return body();
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code && ['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOTDIR', 'EEXIST', 'EISDIR'].includes(code)) {
      throw new JejaringError('OUT_UNWRITABLE', { path: target, reason: code }, null, 2, { cause });
    }
    throw cause;
  }
}

/**
 * A folder that becomes `<target>` only on `commit()`; `abort()` removes it, and nothing is
 * written after that (a run interrupted mid-stage cannot leave a new temp folder). `inputs` are
 * the folders the run reads (case folders): a target equal to, inside or around one of them is
 * refused before anything is written.
 */
export class StagedFolder {
  readonly path: string;
  constructor(
    readonly target: string,
    inputs: readonly string[],
  ) {
    refuseOverlap(target, inputs);
    const name = target.split(/[\\/]/).pop()!;
    this.path = join(dirname(target), `.${name}.tmp-${process.pid}`);
    // leftovers of runs that were killed outright (no chance to clean up) go first; a run still
    // going on (its process alive) is left alone
    if (existsSync(dirname(target))) {
      for (const f of readdirSync(dirname(target))) {
        const pid = /^(?:\.(.+)\.tmp|(.+)\.old)-(\d+)$/.exec(f);
        if (pid && (pid[1] ?? pid[2]) === name && !alive(Number(pid[3])))
          rmSync(join(dirname(target), f), { recursive: true, force: true });
      }
    }
    writing(target, () => mkdirSync(this.path, { recursive: true }));
  }

  private aborted = false;

  /** Write one file into the folder; returns its length (characters or bytes). */
  write(relative: string, data: FileData): number {
    if (this.aborted) throw new JejaringError('INTERRUPTED', {}, null, 1);
    const full = join(this.path, relative);
    return writing(this.target, () => {
      mkdirSync(dirname(full), { recursive: true });
      return writeData(full, data);
    });
  }

  commit(): void {
    if (this.aborted) throw new JejaringError('INTERRUPTED', {}, null, 1);
    const old = `${this.target}.old-${process.pid}`;
    writing(this.target, () => {
      if (existsSync(this.target)) renameSync(this.target, old);
      renameSync(this.path, this.target);
    });
    rmSync(old, { recursive: true, force: true });
  }

  abort(): void {
    this.aborted = true;
    rmSync(this.path, { recursive: true, force: true });
  }
}
