/**
 * `check DIR` run N times in one process, as a warm helper process would run repeated checks (none
 * ships: see the README's Performance section). Run bundled as the CLI ships (corpusBench.ts bundles it
 * with bundleForBench). Prints JSON: each run's wall and CPU time and a digest of its output, which must
 * not change from run to run.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { main } from '../../server/src/cli/main';

export interface WarmRun {
  wallMs: number;
  cpuMs: number;
  digest: string;
}

async function warmRuns(dir: string, runs: number): Promise<WarmRun[]> {
  const out: WarmRun[] = [];
  for (let i = 0; i < runs; i++) {
    const hash = createHash('sha256');
    const start = performance.now();
    const cpu = process.cpuUsage();
    await main(['check', '.', '--format', 'json', '--fail-on', 'never'], { cwd: dir, stdout: (s) => hash.update(s), stderr: () => undefined, isTty: false });
    const used = process.cpuUsage(cpu);
    out.push({ wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000, digest: hash.digest('hex') });
  }
  return out;
}

warmRuns(process.argv[2] ?? '.', Number(process.argv[3] ?? 7)).then(
  (runs) => {
    process.stdout.write(`${JSON.stringify(runs)}\n`);
    process.exit(0);
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
