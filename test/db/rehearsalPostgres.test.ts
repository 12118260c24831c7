// Rehearsal against a real PostgreSQL 15 server: the copy of the schema is checked object by object
// against the server's own catalog (recreated on PGlite and on an empty PostgreSQL scratch database), the
// source session is shown by the server's statement log to have only read, and --scratch-url refuses a
// database that holds tables or is the configured one.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readStartingSchema } from '../../server/src/core/rehearsal/copy';
import { readObjects, recreationDdl, type Catalog } from '../../server/src/core/rehearsal/objects';
import { rehearse } from '../../server/src/core/rehearsal/rehearse';
import { openPgliteScratch, openPgScratch, RehearsalError, type Scratch } from '../../server/src/core/rehearsal/scratch';
import { loggedStatements, READER, startPostgres, type PgServer } from '../support/postgres';

const SCHEMA = `
CREATE SCHEMA app;
CREATE TYPE app.status AS ENUM ('new', 'paid', 'shipped');
CREATE DOMAIN app.email AS text NOT NULL;
CREATE SEQUENCE app.invoice_no START 1000 INCREMENT 10;
CREATE TABLE app.customers (id serial PRIMARY KEY, email app.email UNIQUE, name varchar(80) NOT NULL DEFAULT 'anonymous', created timestamptz NOT NULL DEFAULT now());
CREATE TABLE app.orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id int NOT NULL REFERENCES app.customers (id) ON DELETE CASCADE,
  status app.status NOT NULL DEFAULT 'new',
  invoice bigint DEFAULT nextval('app.invoice_no'),
  total numeric(12,2) CONSTRAINT total_positive CHECK (total >= 0),
  net numeric(12,2) GENERATED ALWAYS AS (total * 0.8) STORED,
  UNIQUE (customer_id, invoice)
);
CREATE INDEX orders_open ON app.orders (customer_id) WHERE status <> 'shipped';
CREATE INDEX orders_abs ON app.orders (abs(total));
CREATE VIEW app.open_orders AS SELECT o.id, c.email FROM app.orders o JOIN app.customers c ON c.id = o.customer_id WHERE o.status <> 'shipped';
CREATE VIEW app.open_count AS SELECT count(*) AS n FROM app.open_orders;
CREATE TABLE public.events (id uuid PRIMARY KEY, payload jsonb, at date);
`;

let server: PgServer;

before(async () => {
  server = await startPostgres();
  server.psql(`${SCHEMA}\nGRANT USAGE ON SCHEMA app TO ${READER.user};\nGRANT SELECT ON ALL TABLES IN SCHEMA app, public TO ${READER.user};`);
  server.psql(`CREATE DATABASE scratch OWNER ${READER.user};`);
});

after(() => server?.stop());

const scratchUrl = () => server.readerUrl.replace(/\/postgres$/, '/scratch');

function definitions(catalog: Catalog): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, o] of catalog) if (!key.startsWith('owned ')) out[key] = o.def;
  return out;
}

async function copyInto(scratch: Scratch, catalog: Catalog): Promise<Catalog> {
  for (const ddl of recreationDdl(catalog)) await scratch.exec(ddl);
  return readObjects(scratch);
}

test('the schema copy recreates every object of a PostgreSQL 15 database, on PGlite and on PostgreSQL', async () => {
  const source = await readStartingSchema({ kind: 'url', url: server.readerUrl });
  const defs = definitions(source.catalog);
  for (const key of ['type app.status', 'type app.email', 'sequence app.invoice_no', 'table app.orders', 'column app.orders.net', 'constraint app.orders.total_positive', 'constraint app.orders.orders_customer_id_fkey', 'constraint app.orders.orders_customer_id_invoice_key', 'index app.orders_open', 'index app.orders_abs', 'view app.open_count', 'table public.events']) {
    assert.ok(key in defs, `the source read holds ${key}`);
  }
  const lite = await openPgliteScratch();
  try {
    assert.deepEqual(definitions(await copyInto(lite, source.catalog)), defs);
  } finally {
    await lite.close();
  }
  const pg = await openPgScratch(scratchUrl());
  try {
    assert.deepEqual(definitions(await copyInto(pg, source.catalog)), defs);
  } finally {
    await pg.close();
  }
});

test('a rehearsal from the copy fills rows that satisfy the constraints and sees the CASCADE', async () => {
  const source = await readStartingSchema({ kind: 'url', url: server.readerUrl });
  const up = 'DROP TABLE app.customers CASCADE;';
  const r = await rehearse({ path: 'm.sql', text: up, segments: [{ start: 0, end: up.length }], inTransaction: true }, undefined, {
    openScratch: openPgliteScratch,
    start: { kind: 'copy', catalog: source.catalog, from: source.from },
    rows: 3,
  });
  assert.deepEqual(r.notes.filter((n) => !/no down migration/.test(n)), [], 'every object was recreated and every table took rows');
  assert.deepEqual(r.statements[0].cascaded.map((o) => o.name), ['app.open_orders', 'app.open_count', 'app.orders.orders_customer_id_fkey']);
  assert.deepEqual(r.statements[0].rowsRemoved, { 'app.customers': 3 });
});

test('--sample: real rows copied in the read-only session (the log test below covers it), parents before children', async () => {
  server.psql(`INSERT INTO app.customers (email, name) VALUES ('ann@example.com', 'Ann'), ('bob@example.com', 'Bob');
INSERT INTO app.orders (customer_id, total) SELECT id, 7 FROM app.customers;`);
  const source = await readStartingSchema({ kind: 'url', url: server.readerUrl }, 5);
  assert.equal(source.sample?.rows.get('app.customers')?.length, 2);
  const up = 'ALTER TABLE app.customers DROP COLUMN name;\nDELETE FROM app.orders;';
  const r = await rehearse({ path: 'm.sql', text: up, segments: [{ start: 0, end: up.length }], inTransaction: true }, undefined, {
    openScratch: openPgliteScratch,
    start: { kind: 'copy', catalog: source.catalog, from: source.from, sample: source.sample },
    rows: 3,
  });
  assert.equal(r.sampledRows, 5);
  assert.equal(r.rowsPerTable, 0, 'sampled rows replace the synthetic ones');
  assert.deepEqual(r.notes.filter((n) => !/no down migration/.test(n)), []);
  assert.deepEqual(r.statements[0].valuesRemoved, { 'app.customers.name': 2 });
  assert.deepEqual(r.statements[1].rowsRemoved, { 'app.orders': 2 });
});

test('the source database was only read: its statement log holds no DDL or DML', () => {
  const statements = loggedStatements(server.logFile, 'migration-guard');
  assert.ok(statements.length > 5, `the log holds the schema reads (${statements.length})`);
  const writes = statements.filter((s) => !/^\s*(?:SELECT|SHOW|SET SESSION default_transaction_read_only)\b/i.test(s));
  assert.deepEqual(writes, []);
});

test('--scratch-url: a statement that waits for a lock is stopped at the statement timeout, and the session goes on', async () => {
  server.psql(`CREATE DATABASE scratch_wait OWNER ${READER.user};`);
  const url = server.readerUrl.replace(/\/postgres$/, '/scratch_wait');
  const { Client } = await import('pg');
  const holder = new Client({ connectionString: url });
  await holder.connect();
  try {
    await holder.query('SELECT pg_advisory_lock(42)');
    const text = 'CREATE TABLE a (id int);\nSELECT pg_advisory_lock(42);\nDROP TABLE a;';
    const side = { path: 'm.sql', text, segments: [{ start: 0, end: text.length }], inTransaction: true };
    const r = await rehearse(side, undefined, { openScratch: () => openPgScratch(url, undefined, { statementMs: 500, budgetMs: 60_000 }), start: { kind: 'replay', earlier: [] }, rows: 0 });
    assert.deepEqual(r.statements.map((s) => s.outcome), ['ok', 'failed']);
    assert.match(r.statements[1].error?.message ?? '', /^it did not finish within 0\.5 s on the scratch database, so the rehearsal stopped it \(it runs that long or waits for a lock/);
  } finally {
    await holder.end();
  }
});

test('--scratch-url refuses a database that holds tables, and the configured database', async () => {
  await assert.rejects(openPgScratch(server.readerUrl), (err: unknown) => err instanceof RehearsalError && /already holds \d+ table/.test(err.message) && !err.message.includes(READER.password));
  await assert.rejects(openPgScratch(scratchUrl(), scratchUrl().replace(`${READER.user}:`, 'admin:')), (err: unknown) => err instanceof RehearsalError && /names the configured database/.test(err.message));
});
