/**
 * Start-up: the sample's whole report as a user runs it (`npm run report`: HTML and PDF), for
 * this checkout and for an earlier version in the same run, alternating, so that the machine's
 * noise falls on both alike. Prints the median wall time of each and their ratio.
 *
 *   npx tsx bench/startup.ts [--against REF] [--runs N]      (also: npm run bench -- --startup)
 *
 * The earlier version is checked out from git into a temp folder (`git worktree`), with this
 * checkout's node_modules linked in (the dependencies it needs are a subset of today's), and run
 * with the report command its own package.json declares.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export interface StartupTiming {
  label: string;
  ref: string;
  runsMs: number[];
  medianMs: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The command a checkout's package.json runs for `npm run report`, as node arguments. */
function reportCommand(dir: string): string[] {
  const script = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.report!;
  const [tool, ...args] = script.split(/\s+/);
  if (tool === 'tsx') return [join(dir, 'node_modules', 'tsx', 'dist', 'cli.mjs'), ...args];
  if (tool === 'node') return args;
  throw new Error(`bench/startup: cannot run "${script}"`);
}

function timeOnce(dir: string, out: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [...reportCommand(dir), 'data/sample', '--out', out], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' },
  });
  if (result.status !== 0) throw new Error(`bench/startup: the report failed in ${dir}:\n${result.stderr}`);
  return performance.now() - started;
}

export interface StartupResult {
  current: StartupTiming;
  previous: StartupTiming;
  /** The previous version's median over this checkout's. */
  ratio: number;
}

export function startupBench(root: string, against: string, runs: number): StartupResult {
  const work = mkdtempSync(join(tmpdir(), 'jejaring-startup-'));
  const old = join(work, 'previous');
  execFileSync('git', ['worktree', 'add', '--detach', old, against], { cwd: root, stdio: 'ignore' });
  try {
    symlinkSync(join(root, 'node_modules'), join(old, 'node_modules'), 'dir');
    const out = join(work, 'out');
    const sides = [
      { label: 'this checkout', ref: 'HEAD + working tree', dir: root, runsMs: [] as number[] },
      { label: 'previous version', ref: against, dir: old, runsMs: [] as number[] },
    ];
    for (const side of sides) timeOnce(side.dir, out); // warm-up: bundle built, browser unpacked, caches filled
    for (let i = 0; i < runs; i++) for (const side of i % 2 ? [...sides].reverse() : sides) side.runsMs.push(timeOnce(side.dir, out));
    const [current, previous] = sides.map((s) => ({
      label: s.label,
      ref: s.ref,
      runsMs: s.runsMs.map(Math.round),
      medianMs: Math.round(median(s.runsMs)),
    }));
    return { current: current!, previous: previous!, ratio: previous!.medianMs / current!.medianMs };
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', old], { cwd: root, stdio: 'ignore' });
    rmSync(work, { recursive: true, force: true });
  }
}

export function startupTable(r: StartupResult): string {
  const row = (t: StartupTiming) =>
    `${t.label.padEnd(18)}${t.ref.padEnd(22)}${`${t.medianMs} ms`.padStart(10)}   runs ${t.runsMs.join(', ')}`;
  return [
    'npm run report on the sample (HTML and PDF), median wall time:',
    row(r.current),
    row(r.previous),
    `the previous version takes ${r.ratio.toFixed(2)}× as long`,
  ].join('\n');
}

if (import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({ options: { against: { type: 'string', default: 'c0fc69c' }, runs: { type: 'string', default: '5' } } });
  console.log(startupTable(startupBench(process.cwd(), values.against, Number(values.runs))));
}
