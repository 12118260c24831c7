/**
 * Runs the latency measurement (latency.ts) on code bundled the way the language server and the CLI
 * are, in a child process: the TypeScript loader the tests use compiles each module on its own and
 * reads every imported name through a getter, which the shipped bundles do not.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LatencyResult } from './latency';
/** Bundles latencyMain.ts with esbuild, as scripts/build.mjs bundles the server, and runs it in a child process. */
export async function bundledLatency(root: string, outDir: string): Promise<LatencyResult> {
  const esbuild = await import('esbuild');
  // The wasm parsers are found next to the bundle, as in out/ (npm run bench builds out/ first).
  const dir = path.join(outDir, 'latency');
  fs.mkdirSync(dir, { recursive: true });
  for (const wasm of ['libpg-query.wasm', 'tree-sitter-python.wasm', 'web-tree-sitter.wasm']) fs.copyFileSync(path.join(root, 'out', wasm), path.join(dir, wasm));
  const outfile = path.join(dir, 'latency.js');
  await esbuild.build({
    entryPoints: [path.join(root, 'test/bench/latencyMain.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    absWorkingDir: root,
    logLevel: 'warning',
    define: { 'import.meta.url': '__importMetaUrl', 'import.meta.dirname': '__dirname' },
    banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    external: ['@electric-sql/pglite', 'pg-native', 'node-sql-parser'],
  });
  const r = spawnSync(process.execPath, [outfile], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`the latency bundle failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
  return JSON.parse(r.stdout) as LatencyResult;
}
