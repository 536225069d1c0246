/**
 * Writing outputs so that no half report is ever left:
 * - a single file is written to a temp file beside it and renamed into place;
 * - a whole run writes into a temp folder beside `<out>/<case>/`, which replaces the old folder
 *   only when every stage succeeded (the old one is moved aside, then removed).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Papa from 'papaparse';

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

/** CSV with formula injection neutralised (cells starting with = + - @ tab CR get a leading '). */
export function csv(rows: Record<string, unknown>[], columns: string[]): string {
  return `${Papa.unparse({ fields: columns, data: rows.map((r) => columns.map((c) => r[c] ?? '')) }, { escapeFormulae: true, newline: '\n' })}\n`;
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

/** A folder that becomes `<target>` only on `commit()`; `abort()` removes it. */
export class StagedFolder {
  readonly path: string;
  constructor(readonly target: string) {
    const name = target.split(/[\\/]/).pop()!;
    this.path = join(dirname(target), `.${name}.tmp-${process.pid}`);
    // leftovers of runs that were killed outright (no chance to clean up) go first; a run still
    // going on (its process alive) is left alone
    if (existsSync(dirname(target))) {
      for (const f of readdirSync(dirname(target))) {
        const pid = /^(?:\.(.+)\.tmp|(.+)\.old)-(\d+)$/.exec(f);
        if (pid && (pid[1] ?? pid[2]) === name && !alive(Number(pid[3]))) rmSync(join(dirname(target), f), { recursive: true, force: true });
      }
    }
    mkdirSync(this.path, { recursive: true });
  }

  write(relative: string, data: string | Uint8Array): string {
    const full = join(this.path, relative);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, data);
    return full;
  }

  commit(): void {
    const old = `${this.target}.old-${process.pid}`;
    if (existsSync(this.target)) renameSync(this.target, old);
    renameSync(this.path, this.target);
    rmSync(old, { recursive: true, force: true });
  }

  abort(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
