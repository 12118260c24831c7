// Fuzzes the live language server over stdio: mutated migrations are opened, edited and pulled; every
// answer must come within a bound, and the server must still answer a normal request afterwards.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { LspClient } from '../lsp/client';
import { loadCorpus, makeInput } from './mutate';

const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const COUNT = Number(process.env.FUZZ_LSP_INPUTS ?? 500);
const PER_INPUT_TIMEOUT_MS = 20_000;
const CORPUS = path.join(__dirname, '..', 'fixtures', 'rules');
const decoder = new TextDecoder();

test(`language server survives ${COUNT} fuzzed documents (seed ${SEED})`, { timeout: 15 * 60_000 }, async () => {
  const corpus = loadCorpus(CORPUS);
  const client = await LspClient.start();
  const failures: string[] = [];
  try {
    for (let index = 0; index < COUNT; index++) {
      // Offset from the core fuzzer's indices so the two jobs see different inputs.
      const input = makeInput(corpus, SEED, 100_000 + index);
      const uri = `file:///fuzz/${index}/${input.path.replace(/^.*\//, '')}`;
      const text = decoder.decode(input.bytes);
      try {
        client.open(uri, text);
        await client.diagnostics(uri, PER_INPUT_TIMEOUT_MS);
        client.change(uri, text.slice(0, Math.floor(text.length / 2)));
        await client.diagnostics(uri, PER_INPUT_TIMEOUT_MS);
        client.close(uri);
      } catch (err) {
        failures.push(`#${100_000 + index} ${input.mutation} ${input.path}: ${err instanceof Error ? err.message : String(err)}`);
        if (failures.length >= 5) break;
      }
    }
    const probe = 'file:///fuzz/after/versions/0001_probe.py';
    client.open(probe, 'from alembic import op\nrevision = "1"\n\ndef upgrade():\n    op.drop_table("events")\n');
    const after = await client.diagnostics(probe, PER_INPUT_TIMEOUT_MS);
    assert.ok(after.some((d) => d.code === 'drop-table'), 'the server still analyses after the fuzz run');
  } finally {
    await client.stop();
  }
  assert.deepEqual(failures, [], `seed ${SEED}`);
});
