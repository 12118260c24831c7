// ANALYZE and CREATE EXTENSION on the fast PostgreSQL path (parse/pg/fastMisc.ts): exactly libpg-query's
// tree, byte for byte, or no answer; near misses must be left to libpg-query.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initPgParser } from '../../server/src/core/parse/pg';
import { agrees } from '../support/pgOracle';

before(async () => {
  await initPgParser();
});

const TAKEN = [
  'ANALYZE',
  'ANALYZE;',
  'analyze comments',
  'ANALYSE comments;',
  'ANALYZE VERBOSE comments',
  'ANALYZE verbose',
  'ANALYZE public.comments, users',
  'ANALYZE db.public.comments',
  'ANALYZE comments (a, b), "Users" ("Name")',
  '  ANALYZE  comments  ;',
  'CREATE EXTENSION pg_trgm',
  'CREATE EXTENSION IF NOT EXISTS pg_trgm;',
  'CREATE EXTENSION "uuid-ossp"',
  'create extension if not exists "uuid-ossp" with schema public',
  'CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public',
  'CREATE EXTENSION hstore SCHEMA ext VERSION \'1.4\' CASCADE',
  'CREATE EXTENSION hstore VERSION $$1.4$$',
  'CREATE EXTENSION hstore CASCADE SCHEMA a SCHEMA b',
  'CREATE EXTENSION x WITH',
];

const DECLINED = [
  'ANALYZE (VERBOSE) comments',
  'ANALYZE (SKIP_LOCKED, VERBOSE) comments',
  'ANALYZE comments a',
  'ANALYZE comments,',
  'ANALYZE ONLY comments',
  "ANALYZE 'comments'",
  'CREATE EXTENSION hstore VERSION v14',
  'CREATE EXTENSION hstore FROM unpackaged',
  'CREATE EXTENSION',
  'CREATE EXTENSION IF EXISTS x',
  'CREATE EXTENSION x WITH WITH',
  'CREATE EXTENSION x SCHEMA',
  'CREATE EXTENSION x CASCADE CASCADE CASCADE extra',
];

test('ANALYZE and CREATE EXTENSION give libpg-query\'s tree on the fast path', () => {
  for (const sql of TAKEN) assert.ok(agrees(sql), `the fast path declined ${JSON.stringify(sql)}`);
});

test('their near misses are left to libpg-query', () => {
  for (const sql of DECLINED) assert.equal(agrees(sql), false, `the fast path answered ${JSON.stringify(sql)}`);
});
