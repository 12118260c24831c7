// Micro-benchmark of the fast Python parser against tree-sitter on generated Alembic revisions:
//   node --import tsx test/bench/pyFast.ts [files]
// Prints the share the fast path takes and the parse time per file of each (median of several passes).
// Under tsx every imported binding is read through a getter, which makes the fast parser look up to twice
// as slow as it is in the esbuild bundles; bundle this file the same way for the numbers the CLI sees.

import { performance } from 'node:perf_hooks';
import { initPythonParser, parsePythonSource } from '../../server/src/core/parse/python';
import { parsePythonFast } from '../../server/src/core/parse/python/fast';
import { generateAlembicFiles } from './alembicGen';

const PASSES = 7;

function medianPass(pass: () => void): number {
  const times: number[] = [];
  for (let k = 0; k < PASSES; k++) {
    const start = performance.now();
    pass();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(PASSES / 2)];
}

async function main(): Promise<void> {
  await initPythonParser();
  const count = Number(process.argv[2] ?? 1200);
  const texts = generateAlembicFiles(20240611, count).map((f) => f.text);
  const bytes = texts.reduce((sum, t) => sum + t.length, 0);
  const sources = texts.map((t) => parsePythonSource(t).source);
  const hits = sources.filter((s) => parsePythonFast(s) !== undefined).length;
  const fast = medianPass(() => {
    for (const s of sources) parsePythonFast(s);
  });
  const treeSitter = medianPass(() => {
    for (const t of texts) parsePythonSource(t).tree.delete();
  });
  const perFile = (ms: number) => `${((ms * 1000) / texts.length).toFixed(0)} µs/file, ${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;
  console.log(`${texts.length} files, ${(bytes / 1e6).toFixed(1)} MB; fast path takes ${((hits / texts.length) * 100).toFixed(1)}%`);
  console.log(`fast parser:  ${perFile(fast)}`);
  console.log(`tree-sitter:  ${perFile(treeSitter)} (parse only; reading its nodes crosses into wasm on top)`);
}

void main();
