import { loadModule, parsePlPgSQLSync, parseSync, type ParseResult } from 'libpg-query';
import { fastParse } from './pgFast';
import { fastParsePlPgSQL } from './pgFastPlpgsql';

/** What parsePlPgSQLSync really returns (its declared type is the SQL ParseResult). */
export interface PlpgsqlParseResult {
  plpgsql_funcs?: Array<{ PLpgSQL_function?: { datums?: unknown[]; action?: unknown } }>;
}

export interface PgParser {
  parse(sql: string): ParseResult;
  parsePlPgSQL(sql: string): PlpgsqlParseResult;
}

const api: PgParser = {
  parse: (sql) => fastParse(sql) ?? parseSync(sql),
  parsePlPgSQL: (sql) => fastParsePlPgSQL(sql) ?? (parsePlPgSQLSync(sql) as unknown as PlpgsqlParseResult),
};

let ready = false;
let loading: Promise<void> | undefined;

/** Loads libpg-query's wasm module once; every later call returns the same promise. */
export function initPgParser(): Promise<void> {
  loading ??= loadModule().then(
    () => {
      ready = true;
    },
    (err: unknown) => {
      // Let a later call retry instead of caching the failure forever.
      loading = undefined;
      throw err;
    },
  );
  return loading;
}

export function pgParser(): PgParser {
  if (!ready) throw new Error('the PostgreSQL parser is not initialised: await initPgParser() first');
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
