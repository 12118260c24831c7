/**
 * Micro-benchmark of the fast PostgreSQL path: µs per statement for fastParse, for libpg-query's parseSync,
 * and for what parse/pg does (fast path, else libpg-query), over the statements of the bench corpus.
 *
 *   node --import tsx test/bench/pgFast.ts
 */
import { parseSync } from 'libpg-query';
import { initPgParser, pgParser } from '../../server/src/core/parse/pg';
import { fastParse } from '../../server/src/core/parse/pg/fast';
import { splitStatements } from '../../server/src/core/parse/sqlSplit';
import { generateSqlFiles } from './sqlGen';

const PASSES = 7;

/** Same seed and counts as generate.ts uses for the bench workspace. */
function corpusStatements(): string[] {
  const corpus = generateSqlFiles(20240611 + 1, { flyway: 220, goose: 200, dbmate: 180, golangMigrate: 100 });
  return corpus.files.flatMap((f) => splitStatements(f.text).map((s) => s.text));
}

/** Median over PASSES runs of the time per statement, in µs. */
function microsPerStatement(statements: string[], parse: (sql: string) => unknown): number {
  const times: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    const start = process.hrtime.bigint();
    for (const s of statements) {
      try {
        parse(s);
      } catch {
        // A statement libpg-query rejects costs its time like any other.
      }
    }
    times.push(Number(process.hrtime.bigint() - start) / 1000 / statements.length);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  await initPgParser();
  const statements = corpusStatements();
  const hits = statements.filter((s) => fastParse(s) !== undefined).length;
  const fast = microsPerStatement(statements, fastParse);
  const slow = microsPerStatement(statements, parseSync);
  const combined = microsPerStatement(statements, (s) => pgParser().parse(s));
  console.log(`${statements.length} statements, fast path taken for ${hits} (${((100 * hits) / statements.length).toFixed(1)}%)`);
  console.log(`fastParse (incl. misses)   ${fast.toFixed(2)} µs/statement`);
  console.log(`libpg-query parseSync      ${slow.toFixed(2)} µs/statement`);
  console.log(`parse/pg (fast, else libpg-query)  ${combined.toFixed(2)} µs/statement (${(slow / combined).toFixed(1)}x faster)`);
}

void main();
