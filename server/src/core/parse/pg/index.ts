import type { ParseResult } from 'libpg-query';
import { checkSqlDepth, checkSqlParentheses, MAX_NESTING } from '../nesting';
import { parserNotReady } from '../notReady';
import { fastParse } from './fast';
import { fastParsePlPgSQL } from './fastPlpgsql';

/** What parsePlPgSQLSync really returns (its declared type is the SQL ParseResult). */
export interface PlpgsqlParseResult {
  plpgsql_funcs?: Array<{ PLpgSQL_function?: { datums?: unknown[]; action?: unknown } }>;
}

export interface PgParser {
  parse(sql: string): ParseResult;
  parsePlPgSQL(sql: string): PlpgsqlParseResult;
}

type LibPgQuery = typeof import('libpg-query');

/** Set once the wasm module is loaded; until then what the fast paths decline throws ParserNotReady. */
let libpg: LibPgQuery | undefined;

function loaded(): LibPgQuery {
  if (!libpg) throw parserNotReady('postgres');
  return libpg;
}

// Nesting is checked on every input and result, so how deep a statement may nest never depends on the
// stack (nesting.ts). Only a text longer than the limit can produce a tree that deep.
function bounded<T>(sql: string, parse: () => T): T {
  if (sql.length <= MAX_NESTING) return parse();
  checkSqlParentheses(sql);
  const result = parse();
  checkSqlDepth(result);
  return result;
}

const api: PgParser = {
  parse: (sql) => bounded(sql, () => fastParse(sql) ?? loaded().parseSync(sql)),
  parsePlPgSQL: (sql) => bounded(sql, () => fastParsePlPgSQL(sql) ?? (loaded().parsePlPgSQLSync(sql) as unknown as PlpgsqlParseResult)),
};

let loading: Promise<void> | undefined;

/** Loads libpg-query's wasm module once; every later call returns the same promise. */
export function initPgParser(): Promise<void> {
  loading ??= (async () => {
    // Required here, not imported: libpg-query starts compiling its wasm as soon as its module is evaluated.
    const lib = require('libpg-query') as LibPgQuery;
    await lib.loadModule();
    libpg = lib;
  })().catch((err: unknown) => {
    // Let a later call retry instead of caching the failure forever.
    loading = undefined;
    throw err;
  });
  return loading;
}

/** The parser; usable before initPgParser() resolves for what the fast paths read (see notReady.ts). */
export function pgParser(): PgParser {
  return api;
}

/** libpg-query reports locations as UTF-8 byte offsets; this maps them to string (UTF-16) offsets in `text`. */
export function utf8OffsetsToUtf16(text: string): (byteOffset: number) => number {
  if (/^[\x00-\x7f]*$/.test(text)) return (b) => Math.min(b, text.length);
  const byByte: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) ?? 0;
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) byByte.push(i);
    if (cp >= 0x10000) i++;
  }
  byByte.push(text.length);
  return (b) => byByte[Math.min(b, byByte.length - 1)];
}
