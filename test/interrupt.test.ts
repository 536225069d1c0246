/**
 * Interrupting a run as users do, through `npm run report`: Ctrl-C (SIGINT to the whole process
 * group, as a terminal sends it) and SIGTERM (to npm alone, as a service manager sends it), at
 * several points of the run, and kill -9. Afterwards: the previous report untouched, no temp
 * folder (or, after kill -9, one that the next run removes), and no browser process left.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, tempDir } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..');

/** Every process below `pid` (children, grandchildren, …). */
function descendants(pid: number): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const line of out.trim().split('\n')) {
    const [p, pp] = line.trim().split(/\s+/).map(Number) as [number, number];
    children.set(pp, [...(children.get(pp) ?? []), p]);
  }
  const found: number[] = [];
  const visit = (p: number) => {
    for (const c of children.get(p) ?? []) {
      found.push(c);
      visit(c);
    }
  };
  visit(pid);
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    const state = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return state !== '' && !state.startsWith('Z');
  } catch {
    return false;
  }
};

/** `npm run report -- <case> --out <out>` in its own process group; interrupt once `after` appears on stderr. */
async function interrupted(caseDir: string, out: string, after: string, how: 'SIGINT-group' | 'SIGTERM-npm' | 'SIGKILL-node') {
  const npm = spawn('npm', ['run', '--silent', 'report', '--', caseDir, '--out', out, '--audience', 'internal'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' },
  });
  let stderr = '';
  let below: number[] = [];
  let sent = false;
  npm.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (sent || !stderr.includes(after)) return;
    sent = true;
    below = descendants(npm.pid!);
    if (how === 'SIGINT-group') process.kill(-npm.pid!, 'SIGINT');
    else if (how === 'SIGTERM-npm') process.kill(npm.pid!, 'SIGTERM');
    else {
      // the node process itself, not the shell npm starts it with
      const args = (p: number) => execFileSync('ps', ['-o', 'args=', '-p', String(p)], { encoding: 'utf8' });
      const node = below.find((p) => /^\S*node\s.*bin\/jejaring\.mjs/.test(args(p)));
      process.kill(node!, 'SIGKILL');
    }
  });
  await new Promise((resolve) => npm.on('close', resolve));
  // give an orphaned browser a moment to notice its parent is gone
  for (let i = 0; i < 40 && below.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
  return { stderr, sent, left: below.filter(alive) };
}

describe('interrupting npm run report', () => {
  const caseDir = join(tempDir(), 'kube');
  cpSync(fixture('tiny'), caseDir, { recursive: true });

  it.each([
    ['SIGINT-group', '[1/6]'],
    ['SIGINT-group', '[3/6]'],
    ['SIGINT-group', '[5/6]'],
    ['SIGINT-group', '[6/6]'],
    ['SIGTERM-npm', '[2/6]'],
    ['SIGTERM-npm', '[6/6]'],
  ] as const)('%s at %s: the previous report is kept, no temp folder, no browser left', async (how, after) => {
    const out = tempDir();
    execFileSync(process.execPath, ['bin/jejaring.mjs', 'report', caseDir, '--out', out, '--audience', 'internal', '--no-pdf'], {
      cwd: ROOT,
    });
    const before = readFileSync(join(out, 'kube', 'report.html'));
    const { sent, left, stderr } = await interrupted(caseDir, out, after, how);
    expect(sent, stderr).toBe(true);
    expect(readdirSync(out)).toEqual(['kube']);
    expect(readFileSync(join(out, 'kube', 'report.html')).equals(before)).toBe(true);
    expect(existsSync(join(out, 'kube', 'report.pdf'))).toBe(false);
    expect(left).toEqual([]);
  });

  it('kill -9 during the PDF step leaves no browser, and the next run removes its temp folder', async () => {
    const out = tempDir();
    const { sent, left, stderr } = await interrupted(caseDir, out, '[6/6]', 'SIGKILL-node');
    expect(sent, stderr).toBe(true);
    expect(left).toEqual([]);
    expect(readdirSync(out).every((f) => f.startsWith('.kube.tmp-'))).toBe(true);
    execFileSync(process.execPath, ['bin/jejaring.mjs', 'report', caseDir, '--out', out, '--no-pdf'], {
      cwd: ROOT,
      env: { ...process.env, JEJARING_SECRET: 'uji' },
    });
    expect(readdirSync(out)).toEqual(['kube']);
  });
});
