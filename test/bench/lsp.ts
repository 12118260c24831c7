// Language-server latency over stdio, against the bundled server (build first: npm run bench:lsp does).
//   didOpenMedianMs: didOpen of a 300-line Alembic migration until its pulled diagnostics arrive (median of
//     60 fresh documents, after 5 warm-up ones). Target: <= 20 ms.
//   startToFirstDiagnosticsMs: spawning `node out/server.js` until the first document's diagnostics arrive,
//     initialize included (median of 5 starts). Target: <= 500 ms.
//   hoverDuringLarge: a hover on the 300-line file, asked again and again while a 100,000-operation SQL
//     file (1.9 MB of `DROP TABLE t<i>;`) is analysed until its pulled diagnostics arrive; median and
//     slowest of every hover over 3 such files, and how many took over 100 ms. It measures whether the
//     server keeps answering.
// `npm run bench` imports runLspBench(); run this file alone for just these figures.
// `npm run bench:lsp -- --corpus DIR`: the same two figures on the migrations of a directory (real ones:
// test/bench/corpus.sh), each opened under its own path so its neighbours and project files are read.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { fileUri, LspClient } from '../lsp/client';

const WARMUP = 5;
const SAMPLES = 60;
const LARGE_OPS = 100_000;
const LARGE_FILES = 3;
/** Between one hover's answer and the next, so the hovers sample the whole analysis. */
const HOVER_GAP_MS = 20;
const LARGE_TIMEOUT_MS = 10 * 60_000;
const STARTS = 5;

export interface LspBenchResult {
  didOpenMedianMs: number;
  startToFirstDiagnosticsMs: number;
  hoverDuringLarge: { medianMs: number; maxMs: number; hovers: number; over100Ms: number; largeDiagnosticsMs: number };
}

/** A 300-line Alembic migration shaped like real ones: tables created, columns added, a few drops and raw SQL. */
export function alembicMigration(seed: number): string {
  const lines = [
    `"""add billing, revision ${seed}`,
    '',
    `Revision ID: ${seed.toString(16).padStart(12, '0')}`,
    'Revises: 0000',
    '"""',
    'from alembic import op',
    'import sqlalchemy as sa',
    '',
    `revision = "${seed.toString(16).padStart(12, '0')}"`,
    'down_revision = "0000"',
    '',
    '',
    'def upgrade():',
  ];
  for (let t = 0; lines.length < 260; t++) {
    lines.push(`    op.create_table(`, `        "billing_${t}",`, '        sa.Column("id", sa.Integer(), primary_key=True),');
    for (let c = 0; c < 6; c++) lines.push(`        sa.Column("field_${c}", sa.String(length=${32 + c}), nullable=True),`);
    lines.push('    )', `    op.add_column("accounts_${t}", sa.Column("plan_${t}", sa.String(), nullable=True))`);
    if (t % 3 === 0) lines.push(`    op.drop_column("accounts_${t}", "legacy_${t}")`);
    if (t % 4 === 0) lines.push(`    op.execute("UPDATE accounts_${t} SET plan_${t} = 'free' WHERE plan_${t} IS NULL")`);
    if (t % 5 === 0) lines.push(`    op.create_index("ix_billing_${t}_field_0", "billing_${t}", ["field_0"])`);
  }
  lines.push('', '', 'def downgrade():');
  while (lines.length < 299) lines.push(`    op.drop_table("billing_${lines.length}")`);
  lines.push('');
  return lines.join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The n-th document to open: a generated Alembic migration, or the n-th file of a corpus (cycling). */
type Documents = (n: number) => { uri: string; text: string; mustFind: boolean };

const generated: Documents = (n) => ({ uri: `file:///bench/migrations/versions/${String(n).padStart(4, '0')}_billing.py`, text: alembicMigration(n), mustFind: true });

/** The corpus's .sql and .py files spread evenly: file n of SAMPLES is taken from the whole list, not its start. */
function corpusDocuments(dir: string): Documents {
  const files = (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => /\.(?:sql|py)$/.test(f)).sort();
  if (files.length === 0) throw new Error(`no .sql or .py files under ${dir}`);
  const step = Math.max(1, Math.floor(files.length / (SAMPLES + WARMUP)));
  return (n) => {
    const file = path.resolve(dir, files[(n * step) % files.length]);
    return { uri: pathToFileURL(file).href, text: fs.readFileSync(file, 'utf8'), mustFind: false };
  };
}

async function openAndPull(client: LspClient, doc: ReturnType<Documents>): Promise<number> {
  const started = performance.now();
  client.open(doc.uri, doc.text);
  const items = await client.diagnostics(doc.uri);
  const elapsed = performance.now() - started;
  if (doc.mustFind && items.length === 0) throw new Error('the benchmark migration produced no diagnostics: the server did not analyse it');
  client.close(doc.uri);
  return elapsed;
}

async function startToFirstDiagnostics(docs: Documents): Promise<number> {
  const started = performance.now();
  const client = await LspClient.start();
  try {
    await openAndPull(client, docs(0));
    return performance.now() - started;
  } finally {
    await client.stop();
  }
}

/**
 * Hovers on a small open file while a large one is analysed: each hover is sent when the one before was
 * answered (and HOVER_GAP_MS later), until the large file's diagnostics arrive.
 */
async function hoverDuringLarge(): Promise<LspBenchResult['hoverDuringLarge']> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-bench-large-'));
  fs.mkdirSync(path.join(dir, 'versions'));
  fs.mkdirSync(path.join(dir, 'migrations'));
  const client = await LspClient.start({ folders: [dir] });
  try {
    const small = fileUri(path.join(dir, 'versions', '0001_billing.py'));
    const text = alembicMigration(1);
    const line = text.split('\n').findIndex((l) => l.includes('op.drop_column('));
    client.open(small, text);
    await client.diagnostics(small);
    const hover = () => client.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri: small }, position: { line, character: 8 } }, LARGE_TIMEOUT_MS);
    if (!(await hover())) throw new Error('the hover found no finding on the drop_column line');
    const body = Array.from({ length: LARGE_OPS }, (_, i) => `DROP TABLE t${i};`).join('\n');
    const latencies: number[] = [];
    const pulls: number[] = [];
    for (let n = 0; n < LARGE_FILES; n++) {
      const large = fileUri(path.join(dir, 'migrations', `V${n + 1}__large.sql`));
      const started = performance.now();
      client.open(large, `${body}\n`);
      let done = false;
      const pulled = client
        .diagnostics(large, LARGE_TIMEOUT_MS)
        .then((items) => (pulls.push(performance.now() - started), items))
        .finally(() => (done = true));
      while (!done) {
        const t = performance.now();
        await hover();
        latencies.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, HOVER_GAP_MS));
      }
      const items = await pulled;
      if (items.length !== LARGE_OPS) throw new Error(`the large file got ${items.length} diagnostics, not ${LARGE_OPS}`);
      client.close(large);
    }
    return {
      medianMs: round(median(latencies)),
      maxMs: round(Math.max(...latencies)),
      hovers: latencies.length,
      over100Ms: latencies.filter((ms) => ms > 100).length,
      largeDiagnosticsMs: round(median(pulls)),
    };
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runLspBench(docs: Documents = generated): Promise<LspBenchResult> {
  const starts: number[] = [];
  for (let i = 0; i < STARTS; i++) starts.push(await startToFirstDiagnostics(docs));
  const client = await LspClient.start();
  try {
    // A corpus is opened in order, each file once: the warm-up files come first.
    const warmup = docs === generated ? 1000 : 0;
    const first = docs === generated ? 2000 : WARMUP;
    for (let i = 0; i < WARMUP; i++) await openAndPull(client, docs(warmup + i));
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) samples.push(await openAndPull(client, docs(first + i)));
    return { didOpenMedianMs: round(median(samples)), startToFirstDiagnosticsMs: round(median(starts)), hoverDuringLarge: await hoverDuringLarge() };
  } finally {
    await client.stop();
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

if (require.main === module) {
  const corpus = parseArgs({ options: { corpus: { type: 'string' } } }).values.corpus;
  runLspBench(corpus ? corpusDocuments(path.resolve(corpus)) : generated).then(
    (r) => {
      const what = corpus ? `${SAMPLES} files of ${corpus}, each once` : `300-line Alembic file (median of ${SAMPLES})`;
      console.log(`didOpen -> diagnostics, ${what}: ${r.didOpenMedianMs} ms (target <= 20 ms)`);
      console.log(`server start -> first diagnostics (median of ${STARTS}): ${r.startToFirstDiagnosticsMs} ms (target <= 500 ms)`);
      const h = r.hoverDuringLarge;
      console.log(`hover on a 300-line file while a ${LARGE_OPS.toLocaleString('en-US')}-operation file is analysed (${h.hovers} hovers over ${LARGE_FILES} files): median ${h.medianMs} ms, slowest ${h.maxMs} ms, ${h.over100Ms} over 100 ms; the large file's diagnostics took ${h.largeDiagnosticsMs} ms (median)`);
      console.log(JSON.stringify(r));
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
