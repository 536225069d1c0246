/**
 * The machine gets in the way: a case folder that cannot be written (a read-only share or USB
 * stick) and an output folder that cannot be written. Each is one line with its code, never a raw
 * Node message, and the case is untouched. Read-only folders are made with a read-only bind
 * mount (or an immutable folder), which needs root: without it the checks are skipped, saying so.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, tempDir } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..');
const jejaring = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [join(ROOT, 'bin', 'jejaring.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, JEJARING_SECRET: '', ...env },
  });

/** A read-only view of `dir` at a new path, or null where this process may not mount. */
function readOnlyCopy(dir: string): { path: string; release: () => void } | null {
  const base = tempDir();
  const src = join(base, 'src');
  const view = join(base, 'kube');
  cpSync(dir, src, { recursive: true });
  mkdirSync(view);
  try {
    execFileSync('mount', ['--bind', src, view], { stdio: 'ignore' });
    execFileSync('mount', ['-o', 'remount,bind,ro', view], { stdio: 'ignore' });
  } catch {
    return null;
  }
  return { path: view, release: () => execFileSync('umount', [view], { stdio: 'ignore' }) };
}

describe('a case folder that cannot be written', () => {
  const ro = readOnlyCopy(fixture('tiny'));
  afterAll(() => ro?.release());
  it.skipIf(ro === null)('is read-only indeed', () => {
    expect(() => writeFileSync(join(ro!.path, 'probe'), '')).toThrow(/EROFS/);
  });
  it.skipIf(ro === null)('a shared edition without JEJARING_SECRET: one line saying how to give one, exit 1', () => {
    const r = jejaring(['report', ro!.path, '--out', tempDir(), '--no-pdf']);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stderr.trim()).toMatch(/\.jejaring-secret: folder kasus tidak dapat ditulis.*JEJARING_SECRET.*\[SECRET_UNWRITABLE\]$/);
  });
  it.skipIf(ro === null)('works with JEJARING_SECRET, and in the internal edition', () => {
    expect(jejaring(['report', ro!.path, '--out', tempDir(), '--no-pdf'], { JEJARING_SECRET: 'rahasia' }).status).toBe(0);
    expect(jejaring(['report', ro!.path, '--out', tempDir(), '--no-pdf', '--audience', 'internal']).status).toBe(0);
    expect(readdirSync(ro!.path).sort()).toEqual(['README.md', 'actors.csv', 'rounds']);
  });
});

describe('an output folder that cannot be written', () => {
  const out = tempDir();
  let immutable = true;
  try {
    execFileSync('chattr', ['+i', out], { stdio: 'ignore' });
  } catch {
    immutable = false;
  }
  afterAll(() => {
    if (immutable) execFileSync('chattr', ['-i', out], { stdio: 'ignore' });
  });
  it.skipIf(!immutable)('one line naming the folder and the reason, exit 2', () => {
    const r = jejaring(['report', fixture('tiny'), '--out', join(out, 'hasil'), '--no-pdf', '--audience', 'internal']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(
      /^folder hasil .*hasil\/tiny tidak dapat ditulis \(EPERM\); laporan sebelumnya tetap utuh.*\[OUT_UNWRITABLE\]$/,
    );
  });
});
