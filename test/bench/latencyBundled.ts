/**
 * Runs the latency measurement (latency.ts) on code bundled the way the language server and the CLI
 * are, in a child process: the TypeScript loader the tests use compiles each module on its own and
 * reads every imported name through a getter, which the shipped bundles do not.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LatencyResult } from './latency';
/** Bundles latencyMain.ts with the options scripts/build.mjs bundles the server with, and runs it in a child process. */
export async function bundledLatency(root: string, outDir: string): Promise<LatencyResult> {
  const bundle = await bundleForBench(root, outDir, 'test/bench/latencyMain.ts', 'latency');
  const r = spawnSync(process.execPath, [bundle], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`the latency bundle failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
  return JSON.parse(r.stdout) as LatencyResult;
}

/** Bundles a bench entry point (relative to root) as scripts/build.mjs bundles the server, into outDir/name/; returns the bundle. */
export async function bundleForBench(root: string, outDir: string, entry: string, name: string): Promise<string> {
  const esbuild = await import('esbuild');
  // The wasm parsers are found next to the bundle, as in out/ (npm run bench builds out/ first).
  const dir = path.join(outDir, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const wasm of ['libpg-query.wasm', 'tree-sitter-python.wasm', 'web-tree-sitter.wasm']) fs.copyFileSync(path.join(root, 'out', wasm), path.join(dir, wasm));
  const outfile = path.join(dir, `${name}.js`);
  const { nodeBundle } = (await import(pathToFileURL(path.join(root, 'scripts/esbuildCommon.mjs')).href)) as { nodeBundle: (root: string) => Record<string, unknown> & { define: Record<string, string> } };
  const common = nodeBundle(root);
  await esbuild.build({
    ...common,
    sourcemap: false,
    // generate.ts (the 300-line revision) reads import.meta.dirname when run on its own.
    define: { ...common.define, 'import.meta.dirname': '__dirname' },
    entryPoints: [path.join(root, entry)],
    outfile,
  });
  return outfile;
}
