import { loadModule, parsePlPgSQLSync, parseSync, type ParseResult } from 'libpg-query';

/** What parsePlPgSQLSync really returns (its declared type is the SQL ParseResult). */
export interface PlpgsqlParseResult {
  plpgsql_funcs?: Array<{ PLpgSQL_function?: { action?: unknown } }>;
}

export interface PgParser {
  parse(sql: string): ParseResult;
  parsePlPgSQL(sql: string): PlpgsqlParseResult;
}

const api: PgParser = {
  parse: parseSync,
  parsePlPgSQL: (sql) => parsePlPgSQLSync(sql) as unknown as PlpgsqlParseResult,
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
