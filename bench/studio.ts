/**
 * The workbench's warm rebuild: the sample's report (HTML and PDF) built again and again by a
 * running workbench, as the page's "Buat laporan" button does (`run()` in-process, modules loaded
 * and the browser started once). Prints the cold first build, then the median and range of the
 * warm ones, with each stage's median, the CPU time of this process (the pipeline; the browser's
 * printing runs in its own processes) and the machine's load, since on a shared machine the wall
 * time says as much about the neighbours as about the workbench. Target: a warm rebuild in at most
 * 1 s.
 *
 *   npx tsx bench/studio.ts [--runs N] [--audience internal|kelurahan|dinas]   (also: npm run bench -- --studio)
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Audience } from '../pipeline/edition.ts';
import { type Job, startStudio } from '../pipeline/studio/server.ts';

export const WARM_TARGET_MS = 1000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function finished(job: Job): Promise<Job> {
  while (job.status === 'running') await new Promise((r) => setTimeout(r, 5));
  if (job.status === 'failed') throw new Error(`bench/studio: the build failed: ${job.error}`);
  return job;
}

export interface StudioTiming {
  coldMs: number;
  warmMs: number[];
  medianMs: number;
  /** CPU time of this process (user + system) during each warm build, median. */
  cpuMs: number;
  /** The 1-minute load average before and after. */
  load: [number, number];
  stages: { label: string; medianMs: number }[];
}

/** Build the sample `runs + 1` times in one workbench; the first is the cold one. */
export async function studioBench(runs: number, audience: Audience): Promise<StudioTiming> {
  const workspace = mkdtempSync(join(tmpdir(), 'jejaring-studio-bench-'));
  cpSync('data/sample', join(workspace, 'sample'), { recursive: true });
  const studio = await startStudio({ workspace, port: 0 });
  const load0 = loadavg()[0]!;
  try {
    const jobs: Job[] = [];
    const cpu: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const before = process.cpuUsage();
      jobs.push(await finished(await studio.build('sample', audience, 'id')));
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
    }
    const [cold, ...warm] = jobs;
    const labels = cold!.stages.map((s) => s.label);
    return {
      coldMs: cold!.ms!,
      warmMs: warm.map((j) => j.ms!),
      medianMs: median(warm.map((j) => j.ms!)),
      cpuMs: median(cpu.slice(1)),
      load: [load0, loadavg()[0]!],
      stages: labels.map((label) => ({ label, medianMs: median(warm.map((j) => j.stages.find((s) => s.label === label)?.ms ?? 0)) })),
    };
  } finally {
    await studio.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}

/** The bench's lines as printed. */
export function studioTable(result: StudioTiming, audience: Audience): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return [
    `Workbench rebuild of the sample (HTML + PDF, ${audience}), ${result.warmMs.length} warm runs`,
    `  cold (first build after start): ${s(result.coldMs)}`,
    `  warm: median ${s(result.medianMs)}, range ${s(Math.min(...result.warmMs))}–${s(Math.max(...result.warmMs))}`,
    `  CPU time of the pipeline's process, warm median: ${s(result.cpuMs)}`,
    `  load average (1 min, ${availableParallelism()} cores): ${result.load.map((l) => l.toFixed(1)).join(' → ')}`,
    ...result.stages.map((st) => `    ${st.label.padEnd(24)} ${String(Math.round(st.medianMs)).padStart(5)} ms`),
    `  target ≤ ${s(WARM_TARGET_MS)}: ${result.medianMs <= WARM_TARGET_MS ? 'met' : 'not met'}`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, audience: { type: 'string', default: 'kelurahan' } } });
  const audience = values.audience as Audience;
  console.log(studioTable(await studioBench(Number(values.runs), audience), audience));
}
