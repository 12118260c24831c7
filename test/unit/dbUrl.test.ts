import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { DbError, toDbError } from '../../server/src/core/db/errors';
import { alembicIniUrl, describeTarget, normaliseUrl, redactUrl, resolveDatabaseUrl, UrlError, withPassword } from '../../server/src/core/db/url';

const PASSWORD = 'p@ss:w/rd%secret';
const URL_WITH_PASSWORD = `postgresql://app:${encodeURIComponent(PASSWORD)}@db.internal:6543/projects`;

test('SQLAlchemy URLs are normalised for pg; other databases are refused plainly', () => {
  assert.equal(normaliseUrl('postgresql+psycopg2://app:x@h/db'), 'postgresql://app:x@h/db');
  assert.equal(normaliseUrl('postgresql+asyncpg://h/db'), 'postgresql://h/db');
  assert.equal(normaliseUrl('postgres://h/db'), 'postgresql://h/db');
  assert.equal(normaliseUrl(' postgresql+psycopg://h/db '), 'postgresql://h/db');
  assert.throws(() => normaliseUrl('mysql+pymysql://h/db'), (e: Error) => e instanceof UrlError && /PostgreSQL databases only.*mysql\+pymysql/.test(e.message));
  assert.throws(() => normaliseUrl('db.internal'), UrlError);
});

test('URLs that will not parse are refused with what is wrong in them, never the password', () => {
  const refused = (url: string, message: RegExp) =>
    assert.throws(() => normaliseUrl(url), (e: Error) => e instanceof UrlError && message.test(e.message) && !e.message.includes('pa55'));
  refused('postgresql+psycopg2://app:pa55@h:70000/db', /port 70000 is not a port number/);
  refused('postgresql://app:pa55@[::1/db', /no closing "\]"/);
  refused('postgresql://app:pa55#x@h/db', /not a valid URL .* # as %23/);
  // What the connection library reads as intended is accepted: an @ in the password (URLs split at the
  // last @) and an empty host (the local socket).
  assert.equal(normaliseUrl('postgresql://app:pa55@word@h/db'), 'postgresql://app:pa55@word@h/db');
  assert.equal(normaliseUrl('postgresql://app@/db'), 'postgresql://app@/db');
  assert.equal(normaliseUrl('postgresql://app:pa%40ss@[::1]:5432/db'), 'postgresql://app:pa%40ss@[::1]:5432/db');
  assert.equal(normaliseUrl('postgresql:///db?host=/var/run/postgresql'), 'postgresql:///db?host=/var/run/postgresql');
});

test('the setting wins over DATABASE_URL, which wins over alembic.ini; the secret password joins the setting', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-url-'));
  const ini = path.join(dir, 'alembic.ini');
  fs.writeFileSync(ini, '[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql+psycopg2://app:pw%%1@localhost/%(here)s_db\n\n[other]\nsqlalchemy.url = nope\n');
  assert.equal(alembicIniUrl(ini), `postgresql+psycopg2://app:pw%1@localhost/${dir}_db`);
  assert.deepEqual(resolveDatabaseUrl({ alembicIni: ini, env: {} }), { url: `postgresql://app:pw%1@localhost/${dir}_db`, from: 'alembic.ini' });
  assert.equal(resolveDatabaseUrl({ alembicIni: ini, env: { DATABASE_URL: 'postgres://e/db' } })?.from, 'DATABASE_URL');
  const fromSetting = resolveDatabaseUrl({ settings: { url: 'postgresql://app@h/db', password: 'from-secret-storage' }, env: { DATABASE_URL: 'postgres://e/db' } });
  assert.deepEqual(fromSetting, { url: 'postgresql://app:from-secret-storage@h/db', from: 'setting' });
  fs.writeFileSync(ini, '[alembic]\nsqlalchemy.url = driver://user:pass@localhost/dbname\n');
  assert.equal(resolveDatabaseUrl({ alembicIni: ini, env: {} }), undefined, "the template's placeholder is not a database");
  assert.equal(withPassword('postgresql://a:keep@h/db', 'other'), 'postgresql://a:keep@h/db');
});

test('messages name the target without the password', () => {
  assert.equal(describeTarget(URL_WITH_PASSWORD), 'app@db.internal:6543/projects');
  assert.ok(!redactUrl(URL_WITH_PASSWORD).includes(encodeURIComponent(PASSWORD)));
});

test('every mapped driver error is plain and never contains the password', () => {
  const ctx = { target: describeTarget(URL_WITH_PASSWORD), secrets: [PASSWORD, URL_WITH_PASSWORD], connectTimeoutMs: 3000, statementTimeoutMs: 2500 };
  const raw = [
    { code: 'ECONNREFUSED', message: `connect ECONNREFUSED for ${URL_WITH_PASSWORD}` },
    { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND db.internal' },
    { code: '28P01', message: `password authentication failed (tried "${PASSWORD}")` },
    { code: '3D000', message: 'database "projects" does not exist' },
    { code: '57014', message: 'canceling statement due to statement timeout' },
    { code: '57P01', message: 'terminating connection due to administrator command' },
    { message: 'Connection terminated due to connection timeout' },
    { message: 'Connection terminated unexpectedly' },
    { code: 'XX000', message: `something odd with ${PASSWORD} and ${encodeURIComponent(PASSWORD)}` },
  ];
  const kinds = raw.map((r) => {
    const e = toDbError(r, ctx);
    assert.ok(e instanceof DbError);
    assert.ok(!e.message.includes(PASSWORD) && !e.message.includes(encodeURIComponent(PASSWORD)), e.message);
    assert.match(e.message, /app@db\.internal:6543\/projects/);
    return e.kind;
  });
  assert.deepEqual(kinds, ['unreachable', 'unreachable', 'auth', 'no-database', 'statement-timeout', 'closed', 'timeout', 'closed', 'other']);
  assert.match(toDbError(raw[4], ctx).message, /statement timeout \(2\.5 s\)/);
});
