// A real PostgreSQL 15 server (Debian's package): the same catalog read as PGlite, the CLI against it,
// a fault matrix (unreachable, silent, wrong password, connection killed mid-query, statement and lock
// timeouts), each a clear message within its timeout with the process still working, and the server's
// own statement log as proof that Migration Guard sent no DDL or DML.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { DbError } from '../../server/src/core/db/errors';
import { PgSchemaSource, PgSession } from '../../server/src/core/db/pg';
import { PgliteSchemaSource } from '../../server/src/core/db/pglite';
import { freePort, loggedStatements, READER, startPostgres, type PgServer } from '../support/postgres';
import { runCli, type CliRun } from '../support/cli';

const REPO = path.join(__dirname, '..', '..');
const SEED = path.join(REPO, 'examples', 'incident', 'seed.sql');

let server: PgServer;

before(async () => {
  server = await startPostgres();
  server.psql(`${fs.readFileSync(SEED, 'utf8')}\nGRANT SELECT ON ALL TABLES IN SCHEMA public TO ${READER.user};\nANALYZE;`);
});

after(() => server?.stop());

const cli = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> => runCli(args, REPO, env);

/** Runs `fn`, which must fail with a DbError of `kind` within `withinMs`. */
async function failsWith(kind: DbError['kind'], withinMs: number, fn: () => Promise<unknown>): Promise<DbError> {
  const started = Date.now();
  const err = await fn().then(() => undefined, (e: unknown) => e);
  const elapsed = Date.now() - started;
  assert.ok(err instanceof DbError, `expected a DbError, got ${String(err)}`);
  assert.equal(err.kind, kind, err.message);
  assert.ok(elapsed < withinMs, `${kind} took ${elapsed} ms (limit ${withinMs} ms)`);
  assert.ok(!err.message.includes(READER.password), err.message);
  return err;
}

test('the catalog read is the same on PostgreSQL 15 as on PGlite', async () => {
  const pg = await PgSchemaSource.connect({ url: server.readerUrl });
  const { PGlite } = await import('@electric-sql/pglite');
  const lite: PGlite = await PGlite.create();
  try {
    await lite.exec(`${fs.readFileSync(SEED, 'utf8')}\nANALYZE;`);
    const fromPg = await pg.read();
    const fromLite = await (await PgliteSchemaSource.wrap(lite)).read();
    assert.match(fromPg.serverVersion ?? '', /^15\./);
    assert.equal(pg.description, `postgresql://${READER.user}@127.0.0.1:${server.port}/postgres`);
    assert.deepEqual(fromPg.tables, fromLite.tables);
    assert.deepEqual(await pg.countRows({ name: 'project_keywords' }, 100_000), { value: 412, exact: true });
  } finally {
    await pg.close();
    await lite.close();
  }
});

test('check --database-url quotes exact row counts and never prints the password', async () => {
  const r = await cli(['check', 'examples/incident', '--database-url', server.readerUrl.replace('postgresql://', 'postgresql+psycopg2://')]);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /Drops table project_keywords \(412 rows\), which no model maps/);
  assert.match(r.out, /Drops table project_resource_mappings \(1,236 rows\), which no model maps/);
  assert.ok(!`${r.out}${r.err}`.includes(READER.password));
});

test('parity from DATABASE_URL, and snapshot then check offline', async () => {
  const parity = await cli(['parity', 'examples/incident'], { DATABASE_URL: server.readerUrl });
  assert.equal(parity.code, 1, parity.err);
  assert.match(parity.out, /project_monthly_forecast +618 rows +no model/);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mg-snap-')), 'prod.json');
  const snap = await cli(['snapshot', '--database-url', server.readerUrl, '-o', file]);
  assert.equal(snap.code, 0, snap.err);
  assert.match(snap.err, new RegExp(`Wrote 6 tables from postgresql://${READER.user}@127.0.0.1:${server.port}/postgres`));
  assert.ok(!fs.readFileSync(file, 'utf8').includes(READER.password));
  const offline = await cli(['check', 'examples/incident', '--schema-snapshot', file]);
  assert.equal(offline.code, 1);
  assert.match(offline.out, /Drops table project_keywords \(estimated 412 rows\), which no model maps/);
});

test('faults: refused, silent host, wrong password, each a clear message within its timeout', async () => {
  const closedPort = await freePort();
  const refused = await failsWith('unreachable', 3000, () => PgSchemaSource.connect({ url: `postgresql://${READER.user}:${READER.password}@127.0.0.1:${closedPort}/postgres` }));
  assert.match(refused.message, /connection was refused/);

  // Accepts TCP and never answers: only the connect timeout can end the wait.
  const silent = net.createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const port = (silent.address() as net.AddressInfo).port;
    const timeout = await failsWith('timeout', 2500, () => PgSchemaSource.connect({ url: `postgresql://${READER.user}:${READER.password}@127.0.0.1:${port}/postgres`, connectTimeoutMs: 1000 }));
    assert.match(timeout.message, /no answer within 1 s/);
  } finally {
    silent.close();
  }

  const wrong = server.readerUrl.replace(encodeURIComponent(READER.password), 'not-the-password');
  const auth = await failsWith('auth', 5000, () => PgSchemaSource.connect({ url: wrong }));
  assert.match(auth.message, /Password authentication failed for mg_reader@127\.0\.0\.1/);
  const viaCli = await cli(['parity', 'examples/incident', '--database-url', server.readerUrl.replace(encodeURIComponent(READER.password), 'S3cret-pw-WRONG')]);
  assert.equal(viaCli.code, 2);
  assert.match(viaCli.err, /^migration-guard: Password authentication failed/);
  assert.ok(!viaCli.err.includes('S3cret-pw-WRONG'));
});

test('faults: statement timeout, lock timeout, and a connection terminated mid-query', async () => {
  const admin = new Client({ ...server.adminConfig, application_name: 'mg-admin' });
  await admin.connect();
  const session = await PgSession.open({ url: server.readerUrl, statementTimeoutMs: 500 });
  const source = await PgSchemaSource.connect({ url: server.readerUrl, statementTimeoutMs: 4000 });
  try {
    const slow = await failsWith('statement-timeout', 2000, () => session.query('SELECT pg_sleep(5)'));
    assert.match(slow.message, /statement timeout \(0\.5 s\) and was cancelled/);
    assert.deepEqual(await session.query('SELECT 1 AS ok'), [{ ok: 1 }], 'the session survives a cancelled statement');

    await admin.query('BEGIN');
    await admin.query('LOCK TABLE project_keywords IN ACCESS EXCLUSIVE MODE');
    await failsWith('statement-timeout', 2000, () => session.query('SELECT count(*) FROM project_keywords'));

    // The count waits on the lock until an administrator ends the session.
    const counting = failsWith('closed', 3000, () => source.countRows({ name: 'project_keywords' }, 100_000));
    await waitFor(async () => (await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'migration-guard' AND wait_event_type = 'Lock'`)).rows[0].n === 1);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'migration-guard' AND wait_event_type = 'Lock'`);
    const closed = await counting;
    assert.match(closed.message, /closed the connection while Migration Guard was reading the schema/);
    await failsWith('closed', 1000, () => source.read());
    await admin.query('ROLLBACK');
    const again = await PgSchemaSource.connect({ url: server.readerUrl });
    assert.equal((await again.read()).tables.length, 6, 'a new connection works after the faults');
    await again.close();
  } finally {
    await session.close();
    await source.close();
    await admin.end();
  }
});

test('timeouts and read-only mode in the URL never override ours: the session keeps them, and the CLI says so', async () => {
  const options = encodeURIComponent('-c default_transaction_read_only=off -c statement_timeout=60000 -c search_path=public,pg_catalog');
  const loosened = `${server.readerUrl}?statement_timeout=60000&query_timeout=0&lock_timeout=0&idle_in_transaction_session_timeout=0&options=${options}`;
  const session = await PgSession.open({ url: loosened, statementTimeoutMs: 700 });
  try {
    const show = async (name: string) => (await session.query<Record<string, string>>(`SHOW ${name}`))[0][name];
    assert.equal(await show('statement_timeout'), '700ms');
    assert.equal(await show('lock_timeout'), '700ms');
    assert.equal(await show('default_transaction_read_only'), 'on');
    assert.equal(await show('transaction_read_only'), 'on');
    assert.equal(await show('search_path'), 'public,pg_catalog', 'the URL\'s other options still apply');
    const slow = await failsWith('statement-timeout', 2500, () => session.query('SELECT pg_sleep(3)'));
    assert.match(slow.message, /statement timeout \(0\.7 s\)/);
  } finally {
    await session.close();
  }
  const r = await cli(['snapshot', '--database-url', loosened, '--statement-timeout', '900', '-o', path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mg-snap-')), 'x.json')]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /^migration-guard: ignoring statement_timeout, query_timeout, lock_timeout, idle_in_transaction_session_timeout, options -c default_transaction_read_only, options -c statement_timeout in the database URL: Migration Guard's own connect and statement timeouts and its read-only mode always apply\.\n/);
  assert.ok(!r.err.includes(READER.password));
});

test('history tables on PostgreSQL 15: alembic_version for the incident, django_migrations for a Django app, an unreadable table left out', async () => {
  const incident = await cli(['check', 'examples/incident', '--database-url', server.readerUrl, '--format', 'json']);
  assert.equal(incident.code, 1, incident.err);
  const drops = JSON.parse(incident.out).findings.filter((f: { rule: string; alsoRules?: string[] }) => f.rule === 'drop-table' || f.alsoRules?.includes('drop-table'));
  assert.deepEqual(drops.map((f: { severity: string }) => f.severity), ['error', 'error', 'error']);
  assert.match(incident.err, /1 of the checked migrations has already run \(read from alembic_version\)/);

  const djangoSeed = fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'applied', 'django', 'seed.sql'), 'utf8');
  // A table the reader may not read must not end the run: it is left out of the decision.
  server.psql(`CREATE DATABASE django_app;\n\\connect django_app\n${djangoSeed}\nCREATE TABLE goose_db_version (id serial, version_id bigint, is_applied boolean, tstamp timestamp);\nGRANT SELECT ON django_migrations, shop_product, shop_legacyorder TO ${READER.user};`);
  const url = server.readerUrl.replace(/\/postgres$/, '/django_app');
  const r = await cli(['check', 'test/fixtures/applied/django', '--database-url', url, '--format', 'json']);
  assert.equal(r.code, 1, r.err);
  const found = JSON.parse(r.out).findings.map((f: { file: string; rule: string; severity: string; applied?: { at?: string } }) => `${path.basename(f.file)} ${f.rule} ${f.severity} ${f.applied?.at ?? ''}`.trim());
  assert.deepEqual(found, [
    '0002_remove_product_price.py drop-column hint 2024-03-05',
    '0003_delete_legacyorder.py pending-out-of-order warning',
    '0003_delete_legacyorder.py drop-table error',
    '0004_product_sku.py applied-not-in-repository warning',
  ]);
  assert.match(r.err, /3 of the checked migrations have already run \(read from django_migrations\)/);
  assert.match(r.err, /could not read goose_db_version \(.*permission denied.*\); the migrations recorded there count as pending/);
});

test('nothing is written: the server logged no DDL or DML from Migration Guard', () => {
  const statements = loggedStatements(server.logFile, 'migration-guard');
  assert.ok(statements.length > 10, `the log holds Migration Guard's statements (${statements.length})`);
  const writes = statements.filter((s) => /^\s*(?:INSERT|UPDATE|DELETE|MERGE|CREATE|ALTER|DROP|TRUNCATE|GRANT|REVOKE|COMMENT|COPY|VACUUM|ANALYZE|REINDEX|CLUSTER|LOCK|REFRESH|SECURITY|DO|CALL)\b/i.test(s));
  assert.deepEqual(writes, []);
  assert.ok(statements.some((s) => /current_setting\('default_transaction_read_only'\)/.test(s)), 'the read-only check ran');
  for (const history of ['alembic_version', 'django_migrations', 'goose_db_version']) assert.ok(statements.some((s) => s.includes(history)), `${history} was read`);
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
