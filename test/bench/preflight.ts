/**
 * Preflight of a migration with 10 data-dependent operations against a table of 1,000,000 rows in PGlite:
 * the questions asked by the first analysis, the 10 queries, and the analysis again with the answers,
 * the way `check` runs it. Each query runs under the default 5 s statement timeout, the whole under the
 * default budget. Run with `npm run bench:preflight`; `-- --postgres` runs it on a PostgreSQL 15 server
 * started for the purpose (test/support/postgres.ts) instead.
 */
import { performance } from 'node:perf_hooks';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import { DEFAULT_COUNT_LIMIT } from '../../server/src/core/db/schemaSource';
import { PgSchemaSource } from '../../server/src/core/db/pg';
import { PgliteSchemaSource } from '../../server/src/core/db/pglite';
import type { SchemaSource } from '../../server/src/core/db/schemaSource';
import { answerQueries, DEFAULT_BUDGET_MS, serverVersionNum } from '../../server/src/core/preflight/run';
import { READER, startPostgres } from '../support/postgres';
import { formatMs, median } from './stats';

export const PREFLIGHT_ROWS = 1_000_000;
export const PREFLIGHT_OPERATIONS = 10;
const ROWS = PREFLIGHT_ROWS;
const RUNS = 3;

const SEED = `
CREATE TABLE parents (id integer PRIMARY KEY);
INSERT INTO parents SELECT g FROM generate_series(1, 1000) g;
CREATE TABLE events (
  id integer PRIMARY KEY, nick text, email text, code text, parent_id integer, qty integer,
  label text, big bigint, amount numeric(12, 2), num text
);
INSERT INTO events
SELECT g, CASE WHEN g % 100000 = 0 THEN NULL ELSE 'n' || g END, 'u' || g || '@x', 'c' || (g % 999983), 1 + g % 1000, g % 50,
       'label ' || g, g, g % 9000, (g % 1000)::text
FROM generate_series(1, ${ROWS}) g;
ANALYZE;`;

const MIGRATION = [
  'ALTER TABLE events ALTER COLUMN nick SET NOT NULL;',
  'CREATE UNIQUE INDEX events_email ON events (email);',
  'CREATE UNIQUE INDEX events_email_lower ON events (lower(email));',
  'CREATE UNIQUE INDEX events_code ON events (code) WHERE qty > 10;',
  'ALTER TABLE events ADD CONSTRAINT events_parent FOREIGN KEY (parent_id) REFERENCES parents (id);',
  'ALTER TABLE events ADD CONSTRAINT events_qty CHECK (qty >= 0 AND qty < 49);',
  'ALTER TABLE events ALTER COLUMN label TYPE varchar(12);',
  'ALTER TABLE events ALTER COLUMN big TYPE smallint;',
  'ALTER TABLE events ALTER COLUMN amount TYPE numeric(5, 2);',
  'ALTER TABLE events ALTER COLUMN num TYPE integer USING num::integer;',
  '',
].join('\n');

async function open(postgres: boolean): Promise<{ source: SchemaSource & { query: PgliteSchemaSource['query'] }; stop(): Promise<void> }> {
  if (!postgres) {
    const source = await PgliteSchemaSource.create({ seedSql: SEED, seedName: 'bench' });
    return { source, stop: () => source.close() };
  }
  const server = await startPostgres();
  server.psql(`${SEED}\nGRANT SELECT ON ALL TABLES IN SCHEMA public TO ${READER.user};`);
  const source = await PgSchemaSource.connect({ url: server.readerUrl });
  return {
    source,
    stop: async () => {
      await source.close();
      server.stop();
    },
  };
}

export async function runPreflightBench(postgres = false): Promise<{ medianMs: number; verdicts: string[] }> {
  await initAnalyzer();
  const { source, stop } = await open(postgres);
  try {
    const db = await source.read();
    const version = await serverVersionNum(source);
    const timings: number[] = [];
    let verdicts: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const facts = { db, preflight: { answers: {}, examples: true, limit: DEFAULT_COUNT_LIMIT, serverVersionNum: version } };
      const started = performance.now();
      const first = analyzeText('V2__constrain.sql', MIGRATION, { facts });
      await answerQueries(source, first.preflightQueries ?? [], facts.preflight, { deadline: Date.now() + DEFAULT_BUDGET_MS, totalMs: DEFAULT_BUDGET_MS });
      const second = analyzeText('V2__constrain.sql', MIGRATION, { facts });
      timings.push(performance.now() - started);
      const asked = new Map(second.findings.filter((f) => f.preflight).map((f) => [f.range.start, `${f.preflight!.summary}${f.preflight!.lock ? ` | ${f.preflight!.lock}` : ''}`]));
      verdicts = [...asked.values()];
      // Ten questions of the data, and one of the table's size, which every operation that locks it shares.
      const queries = first.preflightQueries ?? [];
      const sizes = queries.filter((q) => q.includes('pg_total_relation_size')).length;
      if (queries.length !== 11 || sizes !== 1 || verdicts.length !== 10) throw new Error(`expected 10 questions and a size, got ${queries.length} queries (${sizes} sizes) and ${verdicts.length} verdicts`);
    }
    return { medianMs: median(timings), verdicts };
  } finally {
    await stop();
  }
}

if (require.main === module) {
  const postgres = process.argv.includes('--postgres');
  runPreflightBench(postgres).then(
    ({ medianMs, verdicts }) => {
      console.log(`preflight, 10 operations on a ${ROWS.toLocaleString('en-US')}-row table (${postgres ? 'PostgreSQL 15' : 'PGlite'}): median ${formatMs(medianMs)} over ${RUNS} runs`);
      for (const v of verdicts) console.log(`  ${v}`);
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
