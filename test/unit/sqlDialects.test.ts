import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { analyzeText, initAnalyzer } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/findings';
import type { AnalysisOptions, SqlDialect } from '../../server/src/core/options';

before(async () => {
  await initAnalyzer();
});

function check(file: string, sql: string, dialect: SqlDialect, extra: Partial<AnalysisOptions> = {}): Finding[] {
  return analyzeText(file, sql, { dialect, readSiblings: () => [], ...extra }).findings;
}

function lines(text: string, findings: Finding[]): string[] {
  return findings.map((f) => `${text.slice(0, f.range.start).split('\n').length} ${f.rule} ${f.severity}`);
}

test('MySQL: backticks, DROP TABLE .. CASCADE, multi-table DELETE and UPDATE, DELIMITER bodies, unreadable statements', () => {
  const sql = [
    'DROP TABLE IF EXISTS `old;orders` CASCADE;',
    'DELETE o FROM orders o JOIN users u ON u.id = o.user_id WHERE u.deleted = 1;',
    'UPDATE orders o JOIN users u ON u.id = o.user_id SET o.email = u.email;',
    "UPDATE settings SET value = 'it\\'s';",
    'DELIMITER $$',
    'CREATE PROCEDURE purge() BEGIN DELETE FROM t; END$$',
    'DELIMITER ;',
    'ALTER TABLE orders ALTER COLUMN qty SET DEFAULT 0, DROP COLUMN legacy;',
    'FROBNICATE orders;',
  ].join('\n');
  const findings = check('db/V2__x.sql', sql, 'mysql');
  assert.deepEqual(lines(sql, findings), ['1 drop-table error', '2 delete-rows warning', '4 update-rows-without-where warning', '8 drop-column error', '9 parse-error error']);
  assert.equal(findings[0].table, 'old;orders');
  assert.match(findings[4].message, /could not parse this MySQL statement/);
});

test('MySQL MODIFY is judged against the column it redefines, replayed from earlier migrations', () => {
  const history = [
    {
      path: '/p/V1__init.sql',
      text: 'CREATE TABLE `orders` (`id` int(11) NOT NULL AUTO_INCREMENT, `status` varchar(20) NOT NULL, `note` varchar(255) DEFAULT NULL, `qty` int NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB;',
    },
    { path: '/p/V2__invoices.sql', text: 'CREATE TABLE invoices (id int, total decimal(10,2) NULL);' },
    { path: '/p/V9__later.sql', text: 'ALTER TABLE invoices DROP COLUMN total;' },
  ];
  const sql = [
    "ALTER TABLE `orders` MODIFY `status` varchar(20) NOT NULL DEFAULT 'new' COMMENT 'state';",
    'ALTER TABLE `orders` MODIFY `note` varchar(100);',
    'ALTER TABLE `orders` MODIFY `qty` bigint NOT NULL;',
    'ALTER TABLE invoices MODIFY total decimal(12,2) NOT NULL;',
    'ALTER TABLE `refunds` MODIFY `reason` text;',
  ].join('\n');
  const findings = check('/p/V3__modify.sql', sql, 'mysql', { readSiblings: () => history });
  assert.deepEqual(lines(sql, findings), ['2 alter-column-type error', '3 alter-column-type warning', '4 alter-column-type warning', '4 set-not-null warning', '5 alter-column-type warning']);
  assert.match(findings[2].message, /values are kept/);
  assert.match(findings[4].message, /previous definition was not found/);
});

test('data that did not exist before the migration cannot be lost by it', () => {
  const sql = [
    'CREATE TABLE import_tmp (id int, payload text);',
    'ALTER TABLE import_tmp MODIFY payload varchar(10);',
    'DROP TABLE import_tmp;',
    'ALTER TABLE orders ADD COLUMN region varchar(8);',
    "UPDATE orders SET region = 'eu';",
    "UPDATE orders SET region = 'eu', status = 'new';",
  ].join('\n');
  assert.deepEqual(lines(sql, check('V4__x.sql', sql, 'mysql')), ['6 update-rows-without-where warning']);
});

const REBUILD = [
  'PRAGMA foreign_keys=OFF;',
  'CREATE TABLE "new_User" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL);',
  'INSERT INTO "new_User" ("id", "email") SELECT "id", "email" FROM "User";',
  'DROP TABLE "User";',
  'ALTER TABLE "new_User" RENAME TO "User";',
  'PRAGMA foreign_keys=ON;',
].join('\n');

test('SQLite rebuild: a column the copy leaves out is a drop-column; the DROP TABLE and RENAME are quiet', () => {
  const history = [{ path: '/m/001.sql', text: 'CREATE TABLE "User" ("id" INTEGER PRIMARY KEY, "email" TEXT NOT NULL, "name" TEXT);' }];
  const findings = check('/m/002.sql', REBUILD, 'sqlite', { readSiblings: () => history });
  assert.deepEqual(lines(REBUILD, findings), ['3 drop-column error', '4 drop-table info']);
  assert.equal(findings[0].column, 'name');
  assert.match(findings[0].message, /does not copy User\.name into new_User/);
});

test('SQLite rebuild: the old columns come from earlier migrations (Prisma folders), or a warning says they are unknown', () => {
  const root = '/app/prisma/migrations';
  const history = [
    { path: `${root}/20240101000000_init/migration.sql`, text: 'CREATE TABLE "User" ("id" INTEGER PRIMARY KEY, "email" TEXT NOT NULL);' },
    { path: `${root}/20240102000000_name/migration.sql`, text: 'ALTER TABLE "User" ADD COLUMN "name" TEXT;' },
    { path: `${root}/20240301000000_later/migration.sql`, text: 'ALTER TABLE "User" ADD COLUMN "bio" TEXT;' },
  ];
  const file = `${root}/20240201000000_drop_name/migration.sql`;
  const known = check(file, REBUILD, 'sqlite', { readSiblings: (dir) => (dir === root ? history : []) });
  assert.deepEqual(lines(REBUILD, known), ['3 drop-column error', '4 drop-table info']);
  assert.equal(known[0].column, 'name');
  const unknown = check(file, REBUILD, 'sqlite');
  assert.deepEqual(lines(REBUILD, unknown), ['4 drop-table warning']);
  assert.match(unknown[0].message, /columns User had before are not known/);
});

test('SQLite statements node-sql-parser lacks: DROP INDEX, transactions, triggers', () => {
  const sql = 'BEGIN TRANSACTION;\nDROP INDEX IF EXISTS "ix_a";\nCREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; END;\nCOMMIT;';
  assert.deepEqual(lines(sql, check('migrations/2.sql', sql, 'sqlite')), ['2 drop-index warning']);
});

test('Alembic batch mode on SQLite still reports the dropped column; a raw-SQL rebuild across op.execute calls is recognised', () => {
  const text = `from alembic import op
import sqlalchemy as sa

revision = "2"
down_revision = "1"


def upgrade():
    with op.batch_alter_table("users", recreate="always") as batch_op:
        batch_op.drop_column("fax")
        batch_op.alter_column("name", existing_type=sa.String(50), nullable=True)
    op.execute('CREATE TABLE "_new_t" (id INTEGER PRIMARY KEY, a TEXT)')
    op.execute('INSERT INTO "_new_t" (id, a) SELECT id, a FROM t')
    op.execute("DROP TABLE t")
    op.execute('ALTER TABLE "_new_t" RENAME TO t')


def downgrade():
    pass
`;
  assert.deepEqual(lines(text, check('versions/2.py', text, 'sqlite')).filter((l) => !l.includes('irreversible')), ['10 drop-column error', '14 drop-table warning']);
});

test('the dialect comes from alembic.ini, Prisma or Flyway configuration above the file; an explicit option wins', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-dialect-'));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('mysql-app/alembic.ini', '[alembic]\nscript_location = alembic\nsqlalchemy.url = mysql+pymysql://u:p@db/app\n');
  write('lite/prisma/migrations/migration_lock.toml', 'provider = "sqlite"\n');
  write('fly/flyway.conf', 'flyway.url=jdbc:mysql://localhost:3306/app\n');
  write('placeholder/alembic.ini', 'sqlalchemy.url = driver://user:pass@localhost/dbname\n');
  const statement = 'DROP TABLE IF EXISTS `a` CASCADE;';
  const rules = (rel: string, options: Partial<AnalysisOptions> = {}) => analyzeText(rel, statement, { baseDir: dir, ...options }).findings.map((f) => f.rule);
  assert.deepEqual(rules('mysql-app/alembic/versions/1.sql'), ['drop-table']);
  assert.deepEqual(rules('lite/prisma/migrations/1_x/migration.sql'), ['drop-table']);
  assert.deepEqual(rules('fly/sql/V1__x.sql'), ['drop-table']);
  assert.deepEqual(rules('placeholder/versions/1.sql'), ['drop-table'], 'a URL naming no database leaves the dialect to the SQL: backticks are MySQL');
  assert.deepEqual(rules('mysql-app/alembic/versions/1.sql', { dialect: 'postgres' }), ['parse-error']);
});

test('without configuration, a file named for its database (authelia: x.mysql.up.sql) is read in that dialect, before folder names', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-dialect-name-'));
  const statement = 'DROP TABLE IF EXISTS `a` CASCADE;';
  const rules = (rel: string) => analyzeText(rel, statement, { baseDir: dir }).findings.map((f) => f.rule);
  assert.deepEqual(rules('migrations/V0005.Add_Table.mysql.up.sql'), ['drop-table']);
  assert.deepEqual(rules('migrations/V0005.Add_Table.sqlite.up.sql'), ['drop-table']);
  assert.deepEqual(rules('migrations/V0005.Add_Table.postgres.up.sql'), ['parse-error'], 'PostgreSQL rejects backticks');
  assert.deepEqual(rules('mysql/V0005.Add_Table.postgres.up.sql'), ['parse-error'], 'the file name wins over the folder name');
  assert.deepEqual(rules('migrations/V0005.Add_Table.up.sql'), ['drop-table'], 'no name, no folder: PostgreSQL, and what only MySQL reads as MySQL');
});
