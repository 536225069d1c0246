/**
 * `npm run bench -- --province N[,N…] [--no-pdf] [--audience A]`: a province's folder of N
 * one-group cases (bench/synthetic.ts `writeSyntheticBatch`: 8–15 members, outside actors from a
 * pool of 400, 10 kota of 10 kelurahan) reported as a dinas would: `jejaring report <folder>`,
 * every report and PDF, then the combined view. The command runs as a user runs it (the bundle
 * `bin/jejaring.mjs`), and once a second this bench reads:
 *
 * - the memory of the whole process tree (node and every browser process), as the sum of each
 *   process's proportional set size (PSS: a shared page counted once, split between its users),
 *   and node's own resident size;
 * - how many cases are done (the progress lines on stderr).
 *
 * It prints the wall time, the time a case (the slope of a least-squares line through cases done
 * against time, from the 10th case on), the peak memory and the peak in each quarter of the run
 * (flat memory: the last quarter's peak close to the first's), the time of the combined view
 * (after the last case) and the size of each of its files.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeSyntheticBatch } from './synthetic.ts';

export interface ProvinceRun {
  cases: number;
  ties: number;
  pdf: boolean;
  audience: string;
  wallS: number;
  /** Seconds a case, from the slope of cases done against time. */
  perCaseS: number;
  /** Seconds from the start of the combined view (its progress line) to the end. */
  combinedS: number;
  peakTreeMiB: number;
  peakNodeMiB: number;
  /** Peak tree memory in each quarter of the cases. */
  quarterPeaksMiB: number[];
  /** Peak resident memory of node alone in each quarter of the cases. */
  quarterNodeMiB: number[];
  files: { file: string; bytes: number }[];
}

/** Children of every process, from /proc. */
function childrenOf(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  return children;
}

/** kB of a field of /proc/<pid>/smaps_rollup or status, 0 when the process is gone. */
function kb(pid: number, file: 'smaps_rollup' | 'status', field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/${file}`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** PSS of a process and all its descendants, and the process's own RSS, in MiB. */
export function treeMemory(root: number): { tree: number; node: number } {
  const children = childrenOf();
  let pss = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    pss += kb(pid, 'smaps_rollup', 'Pss');
    stack.push(...(children.get(pid) ?? []));
  }
  return { tree: pss / 1024, node: kb(root, 'status', 'VmRSS') / 1024 };
}

/** Least-squares slope of y against x. */
function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const sxy = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const sxx = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return sxy / sxx;
}

export async function provinceRun(cases: number, pdf: boolean, audience: string, log: (line: string) => void): Promise<ProvinceRun> {
  const dir = join('out', 'bench', 'cases', `province${cases}`);
  const out = join('out', 'bench', `province${cases}`);
  rmSync(dir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
  const shape = writeSyntheticBatch(dir, { groups: cases, pool: 400 });
  log(`bench province: ${cases} cases${pdf ? ' with every PDF' : ''}, ${audience} edition …`);
  const args = ['bin/jejaring.mjs', 'report', dir, '--out', out, '--audience', audience, ...(pdf ? [] : ['--no-pdf'])];
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, JEJARING_SECRET: 'bench-province' },
  });
  let done = 0;
  let lastDone = started;
  let combinedAt: number | null = null;
  let stderr = '';
  const progress: [number, number][] = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr = (stderr + text).slice(-20_000);
    // a case line "[k/N] …" is written when case k starts; cases done = the highest k started, less the lanes in flight
    if (/^\s*\[(gabungan|combined)\]/m.test(text)) combinedAt ??= performance.now();
    for (const m of text.matchAll(/^\s*\[(?:[^\d\]]+ )?(\d+)\/(\d+)\]/gm)) {
      if (Number(m[2]) !== cases) continue;
      done = Math.max(done, Number(m[1]));
      lastDone = performance.now();
      progress.push([Number(m[1]), (lastDone - started) / 1000]);
    }
  });
  const samples: { t: number; done: number; tree: number; node: number }[] = [];
  const timer = setInterval(() => {
    if (child.pid) samples.push({ t: (performance.now() - started) / 1000, done, ...treeMemory(child.pid) });
  }, 1000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  const wallS = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`jejaring report ${dir} failed (exit ${code}):\n${stderr.split('\n').slice(-6).join('\n')}`);
  const quarters = (pick: (s: (typeof samples)[number]) => number) =>
    [0, 1, 2, 3].map((q) =>
      Math.round(Math.max(0, ...samples.filter((s) => s.done > (q * cases) / 4 && s.done <= ((q + 1) * cases) / 4).map(pick))),
    );
  const combined = join(out, '_gabungan');
  return {
    cases,
    ties: shape.ties,
    pdf,
    audience,
    wallS: Math.round(wallS * 10) / 10,
    perCaseS: Math.round(slope(progress.filter(([k]) => k >= 10).map(([k, t]) => [k, t])) * 1000) / 1000,
    combinedS: Math.round(((performance.now() - (combinedAt ?? lastDone)) / 1000) * 10) / 10,
    peakTreeMiB: Math.round(Math.max(0, ...samples.map((s) => s.tree))),
    peakNodeMiB: Math.round(Math.max(0, ...samples.map((s) => s.node))),
    quarterPeaksMiB: quarters((s) => s.tree),
    quarterNodeMiB: quarters((s) => s.node),
    files: readdirSync(combined)
      .sort()
      .map((file) => ({ file, bytes: statSync(join(combined, file)).size })),
  };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 1)} MiB`;

export function provinceTable(runs: ProvinceRun[]): string {
  const lines = [
    '| cases | PDFs | wall | a case | combined view | peak memory (tree) | peak node | ' +
      'tree peak by quarter of the cases | node peak by quarter | _gabungan files |',
    '|--:|---|--:|--:|--:|--:|--:|---|---|---|',
  ];
  for (const r of runs) {
    lines.push(
      `| ${r.cases} | ${r.pdf ? 'yes' : 'no'} | ${r.wallS} s | ${r.perCaseS} s | ${r.combinedS} s | ` +
        `${r.peakTreeMiB} MiB | ${r.peakNodeMiB} MiB | ${r.quarterPeaksMiB.join(', ')} MiB | ${r.quarterNodeMiB.join(', ')} MiB | ` +
        `${r.files.map((f) => `${f.file} ${mib(f.bytes)}`).join(', ')} |`,
    );
  }
  return lines.join('\n');
}
