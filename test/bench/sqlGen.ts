/**
 * Synthetic SQL migrations in the four layouts people actually use (Flyway, goose, dbmate,
 * golang-migrate), with the hard parts of real files: DO $$ and function bodies full of semicolons,
 * quoted strings and comments containing semicolons (and even DROP TABLE text that is not a statement),
 * CONCURRENTLY with the tool's own no-transaction marker, and up/down sections.
 *
 * Every destructive statement is tallied while it is generated, so the bench knows the ground truth
 * it can compare both linters against.
 */
import { Rng } from './rng';
import { LEGACY_TABLES, pickColumns, singular, TABLES, WORDS, type ColumnShape } from './vocab';

export const TRUTH_KINDS = [
  'drop-table', 'drop-column', 'truncate', 'truncate-cascade', 'delete-without-where', 'delete-with-where', 'update-without-where',
] as const;
export type TruthKind = (typeof TRUTH_KINDS)[number];
export type Truth = Record<TruthKind, { up: number; down: number }>;

export function emptyTruth(): Truth {
  return Object.fromEntries(TRUTH_KINDS.map((k) => [k, { up: 0, down: 0 }])) as Truth;
}

interface Stmt {
  text: string;
  truth?: TruthKind[];
  /** Has semicolons inside a $$ body: goose needs StatementBegin/StatementEnd around it. */
  body?: boolean;
  concurrently?: boolean;
}

interface Change {
  up: Stmt[];
  down: Stmt[];
  summary: string;
}

export type SqlStyle = 'flyway' | 'goose' | 'dbmate' | 'golang-migrate';

export interface SqlFile {
  /** Relative to the workspace root. */
  path: string;
  text: string;
  style: SqlStyle;
}

// ---------------------------------------------------------------- changes

function columnSql(c: ColumnShape): string {
  const parts = [c.name, c.sql];
  if (!c.nullable) parts.push('NOT NULL');
  if (c.serverDefault) parts.push(`DEFAULT ${c.serverDefault.sql}`);
  if (c.references) parts.push(`REFERENCES ${c.references} (id)`);
  return parts.join(' ');
}

function createTableStmt(rng: Rng, table: string, cols: ColumnShape[]): Stmt {
  const lines = [`    id bigserial PRIMARY KEY`, ...cols.map((c) => `    ${columnSql(c)}`)];
  if (rng.chance(0.3)) lines.push(`    note text DEFAULT 'n/a; see runbook'`);
  if (cols.some((c) => c.name === 'amount_cents')) lines.push(`    CONSTRAINT ${table}_amount_non_negative CHECK (amount_cents >= 0)`);
  const ifNot = rng.chance(0.4) ? 'IF NOT EXISTS ' : '';
  return { text: `CREATE TABLE ${ifNot}${table} (\n${lines.join(',\n')}\n);` };
}

function createTable(rng: Rng): Change {
  const table = rng.chance(0.3) ? `${rng.pick(WORDS)}_${rng.pick(TABLES)}` : rng.pick(TABLES);
  const cols = pickColumns(rng, table, rng.int(3, 14));
  const up: Stmt[] = [createTableStmt(rng, table, cols)];
  const down: Stmt[] = [];
  for (const c of cols.filter((x) => x.references).slice(0, 2)) {
    up.push({ text: `CREATE INDEX ${table}_${c.name}_idx ON ${table} (${c.name});` });
  }
  if (rng.chance(0.3)) up.push({ text: `COMMENT ON TABLE ${table} IS 'Owned by the ${rng.pick(WORDS)} team; ask before changing';` });
  down.push({ text: `DROP TABLE ${rng.chance(0.7) ? 'IF EXISTS ' : ''}${table};`, truth: ['drop-table'] });
  return { up, down, summary: `create_${table}` };
}

function addColumns(rng: Rng): Change {
  const table = rng.pick(TABLES);
  const cols = pickColumns(rng, table, rng.int(1, 3)).map((c) => ({ ...c, references: undefined }));
  const up: Stmt = cols.length === 1
    ? { text: `ALTER TABLE ${table} ADD COLUMN ${columnSql(cols[0]!)};` }
    : { text: `ALTER TABLE ${table}\n${cols.map((c) => `    ADD COLUMN ${columnSql(c)}`).join(',\n')};` };
  // One DROP COLUMN per statement, so "statements flagged" and "findings" mean the same thing.
  const down = cols.map((c) => ({ text: `ALTER TABLE ${table} DROP COLUMN ${rng.chance(0.5) ? 'IF EXISTS ' : ''}${c.name};`, truth: ['drop-column'] as TruthKind[] })).reverse();
  return { up: [up], down, summary: `add_${cols[0]!.name}_to_${table}` };
}

function createIndex(rng: Rng): Change {
  const table = rng.pick(TABLES);
  const cols = pickColumns(rng, table, rng.int(1, 2)).map((c) => c.name);
  const name = `${table}_${cols.join('_')}_idx`;
  const concurrently = rng.chance(0.45);
  const unique = rng.chance(0.15) ? 'UNIQUE ' : '';
  const ifNot = rng.chance(0.5) ? 'IF NOT EXISTS ' : '';
  const where = rng.chance(0.2) ? ' WHERE deleted_at IS NULL' : '';
  const conc = concurrently ? 'CONCURRENTLY ' : '';
  return {
    up: [{ text: `CREATE ${unique}INDEX ${conc}${ifNot}${name} ON ${table} (${cols.join(', ')})${where};`, concurrently }],
    down: [{ text: `DROP INDEX ${conc}IF EXISTS ${name};`, concurrently }],
    summary: `index_${table}_${cols[0]}`,
  };
}

function dropColumn(rng: Rng): Change {
  const table = rng.pick(TABLES);
  const c = { ...pickColumns(rng, table, 1)[0]!, nullable: true, serverDefault: undefined, references: undefined };
  return {
    up: [
      { text: `-- ${c.name} moved to ${rng.pick(TABLES)}; the backfill shipped in the previous release.` },
      { text: `ALTER TABLE ${table} DROP COLUMN ${rng.chance(0.5) ? 'IF EXISTS ' : ''}${c.name};`, truth: ['drop-column'] },
    ],
    down: [{ text: `ALTER TABLE ${table} ADD COLUMN ${columnSql(c)};` }],
    summary: `drop_${table}_${c.name}`,
  };
}

function dropTable(rng: Rng): Change {
  const table = rng.pick(LEGACY_TABLES);
  const cascade = rng.chance(0.3) ? ' CASCADE' : '';
  return {
    up: [{ text: `DROP TABLE ${rng.chance(0.6) ? 'IF EXISTS ' : ''}${table}${cascade};`, truth: ['drop-table'] }],
    down: [createTableStmt(rng, table, pickColumns(rng, table, rng.int(2, 6)))],
    summary: `drop_${table}`,
  };
}

function dataFix(rng: Rng): Change {
  const table = rng.pick(TABLES);
  const variant = rng.weighted([['update-where', 5], ['update-all', 1.5], ['delete-where', 3], ['delete-all', 1], ['truncate', 1]] as const);
  switch (variant) {
    case 'update-where':
      return { up: [{ text: `UPDATE ${table}\nSET status = 'archived; legacy import'\nWHERE created_at < '2020-01-01'\n  AND status <> 'archived';` }], down: [], summary: `archive_old_${table}` };
    case 'update-all':
      return { up: [{ text: `UPDATE ${table} SET is_active = true;`, truth: ['update-without-where'] }], down: [], summary: `activate_${table}` };
    case 'delete-where':
      return { up: [{ text: `DELETE FROM ${table} WHERE deleted_at < now() - interval '180 days';`, truth: ['delete-with-where'] }], down: [], summary: `purge_deleted_${table}` };
    case 'delete-all':
      return { up: [{ text: `-- Cache table: rebuilt on first read.\nDELETE FROM ${table};`, truth: ['delete-without-where'] }], down: [], summary: `clear_${table}` };
    case 'truncate': {
      const cascade = rng.chance(0.5);
      const truth: TruthKind[] = cascade ? ['truncate', 'truncate-cascade'] : ['truncate'];
      return { up: [{ text: `TRUNCATE TABLE ${table}${cascade ? ' CASCADE' : ''};`, truth }], down: [], summary: `reset_${table}` };
    }
  }
}

function enumGuard(rng: Rng): Change {
  const name = `${singular(rng.pick(TABLES))}_state`;
  const values = rng.sample(['pending', 'active', 'paid', 'shipped', 'cancelled', 'refunded'], 3).map((v) => `'${v}'`).join(', ');
  const tag = rng.pick(['$$', '$do$', '$migrate$']);
  return {
    up: [{
      body: true,
      text: [
        `DO ${tag}`, 'BEGIN', `    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = '${name}') THEN`,
        `        CREATE TYPE ${name} AS ENUM (${values});`, '    END IF;', `END`, `${tag};`,
      ].join('\n'),
    }],
    down: [{ text: `DROP TYPE IF EXISTS ${name};` }],
    summary: `create_${name}_type`,
  };
}

function trigger(rng: Rng): Change {
  const table = rng.pick(TABLES);
  const fn = `${table}_set_updated_at`;
  return {
    up: [
      {
        body: true,
        text: [
          `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger AS $fn$`, 'BEGIN',
          '    -- Keep updated_at honest even for writes that bypass the ORM; see OPS-112.',
          '    NEW.updated_at := now();', `    RAISE DEBUG 'touched %; row %', TG_TABLE_NAME, NEW.id;`,
          '    RETURN NEW;', 'END;', '$fn$ LANGUAGE plpgsql;',
        ].join('\n'),
      },
      { text: `CREATE TRIGGER ${fn}_trg\n    BEFORE UPDATE ON ${table}\n    FOR EACH ROW EXECUTE FUNCTION ${fn}();` },
    ],
    down: [{ text: `DROP TRIGGER IF EXISTS ${fn}_trg ON ${table};` }, { text: `DROP FUNCTION IF EXISTS ${fn}();` }],
    summary: `touch_${table}_updated_at`,
  };
}

function seed(rng: Rng): Change {
  const table = rng.pick(['plans', 'roles', 'tax_rates', 'feature_flags'] as const);
  const codes = rng.sample(['free', 'pro', 'team', 'enterprise', 'legacy', 'trial'], rng.int(2, 4));
  const rows = codes.map((c) => `    ('${c}', '${c} tier', 'Includes: exports; webhooks; it''s ${c}')`);
  return {
    up: [{ text: `INSERT INTO ${table} (code, name, description) VALUES\n${rows.join(',\n')}\nON CONFLICT (code) DO NOTHING;` }],
    down: [{ text: `DELETE FROM ${table} WHERE code IN (${codes.map((c) => `'${c}'`).join(', ')});`, truth: ['delete-with-where'] }],
    summary: `seed_${table}`,
  };
}

/** Text that looks destructive but is not a statement: a linter that greps would flag it. */
function decoy(rng: Rng): Change {
  const table = rng.pick(LEGACY_TABLES);
  const text = rng.pick([
    `-- Do NOT run: DROP TABLE ${table}; it is still read by the nightly export.`,
    `/* Previously:\n     DELETE FROM ${table};\n     TRUNCATE ${table} CASCADE;\n   replaced by the archive job. */`,
    `INSERT INTO audit_log (action, detail) VALUES ('migration', 'kept ${table}; DROP TABLE postponed');`,
  ]);
  return { up: [{ text }], down: [], summary: `note_${table}` };
}

function alterColumn(rng: Rng): Change {
  const table = rng.pick(TABLES);
  const c = pickColumns(rng, table, 1)[0]!;
  const variant = rng.pick(['not-null', 'type', 'default', 'rename'] as const);
  switch (variant) {
    case 'not-null':
      return { up: [{ text: `ALTER TABLE ${table} ALTER COLUMN ${c.name} SET NOT NULL;` }], down: [{ text: `ALTER TABLE ${table} ALTER COLUMN ${c.name} DROP NOT NULL;` }], summary: `require_${table}_${c.name}` };
    case 'type':
      return { up: [{ text: `ALTER TABLE ${table} ALTER COLUMN ${c.name} TYPE text;` }], down: [{ text: `ALTER TABLE ${table} ALTER COLUMN ${c.name} TYPE ${c.sql} USING ${c.name}::${c.sql};` }], summary: `widen_${table}_${c.name}` };
    case 'default':
      return { up: [{ text: `ALTER TABLE ${table} ALTER COLUMN ${c.name} SET DEFAULT 'unknown; set by migration';` }], down: [{ text: `ALTER TABLE ${table} ALTER COLUMN ${c.name} DROP DEFAULT;` }], summary: `default_${table}_${c.name}` };
    case 'rename':
      return { up: [{ text: `ALTER TABLE ${table} RENAME COLUMN ${c.name} TO ${c.name}_old;` }], down: [{ text: `ALTER TABLE ${table} RENAME COLUMN ${c.name}_old TO ${c.name};` }], summary: `rename_${table}_${c.name}` };
  }
}

function foreignKey(rng: Rng): Change {
  const [source, target] = rng.sample(TABLES, 2) as [string, string];
  const col = `${singular(target)}_id`;
  const name = `${source}_${col}_fkey`;
  const notValid = rng.chance(0.5);
  const up: Stmt[] = [{ text: `ALTER TABLE ${source}\n    ADD CONSTRAINT ${name} FOREIGN KEY (${col}) REFERENCES ${target} (id)${notValid ? ' NOT VALID' : ''};` }];
  if (notValid) up.push({ text: `ALTER TABLE ${source} VALIDATE CONSTRAINT ${name};` });
  return { up, down: [{ text: `ALTER TABLE ${source} DROP CONSTRAINT IF EXISTS ${name};` }], summary: `fk_${source}_${target}` };
}

function comment(rng: Rng): Change {
  const table = rng.pick(TABLES);
  const c = pickColumns(rng, table, 1)[0]!;
  return {
    up: [{ text: `COMMENT ON COLUMN ${table}.${c.name} IS 'Semicolon-separated list; e.g. a;b;c';` }],
    down: [{ text: `COMMENT ON COLUMN ${table}.${c.name} IS NULL;` }],
    summary: `document_${table}_${c.name}`,
  };
}

type ChangeKind = (rng: Rng) => Change;
const CHANGES: readonly (readonly [ChangeKind, number])[] = [
  [createTable, 16], [addColumns, 18], [createIndex, 12], [dropColumn, 2], [dropTable, 1.2], [dataFix, 6],
  [enumGuard, 4], [trigger, 4], [seed, 5], [decoy, 3], [alterColumn, 10], [foreignKey, 6], [comment, 4],
];

// ---------------------------------------------------------------- layouts

interface Migration {
  up: Stmt[];
  down: Stmt[];
  summary: string;
  concurrently: boolean;
}

function buildMigration(rng: Rng): Migration {
  const [lo, hi] = rng.weighted([[[6, 20], 40], [[20, 50], 35], [[50, 150], 25]] as const);
  const target = rng.int(lo, hi);
  const up: Stmt[] = [];
  const down: Stmt[] = [];
  const summaries: string[] = [];
  let lines = 0;
  while (lines < target) {
    const change = rng.weighted(CHANGES)(rng);
    up.push(...change.up);
    down.unshift(...change.down);
    summaries.push(change.summary);
    lines += [...change.up, ...change.down].reduce((n, s) => n + s.text.split('\n').length + 1, 0);
  }
  const concurrently = [...up, ...down].some((s) => s.concurrently);
  return { up, down, summary: summaries[0]!.slice(0, 48), concurrently };
}

function plain(stmts: Stmt[]): string {
  return stmts.map((s) => s.text).join('\n\n');
}

function goose(stmts: Stmt[]): string {
  return stmts.map((s) => (s.body ? `-- +goose StatementBegin\n${s.text}\n-- +goose StatementEnd` : s.text)).join('\n\n');
}

/** golang-migrate files are often wrapped in an explicit transaction, unless CONCURRENTLY forbids it. */
function maybeTransaction(rng: Rng, m: Migration, body: string): string {
  return !m.concurrently && rng.chance(0.4) ? `BEGIN;\n\n${body}\n\nCOMMIT;` : body;
}

function tally(truth: Truth, stmts: Stmt[], phase: 'up' | 'down'): void {
  for (const s of stmts) for (const k of s.truth ?? []) truth[k][phase]++;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** yyyymmddhhmmss timestamps that only move forward, as goose/dbmate generate them. */
function timestamps(rng: Rng, start: Date): () => string {
  let t = start.getTime();
  return () => {
    t += rng.int(1, 20) * 86_400_000 + rng.int(0, 86_399) * 1000;
    return new Date(t).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  };
}

export interface SqlCorpus {
  files: SqlFile[];
  /** Folders (relative to the root) that hold the SQL migrations. */
  dirs: string[];
  truth: Truth;
}

export interface SqlCounts {
  flyway: number;
  goose: number;
  dbmate: number;
  /** Migrations, not files: each one is an .up.sql and a .down.sql. */
  golangMigrate: number;
}

export function generateSqlFiles(seed: number, counts: SqlCounts): SqlCorpus {
  const rng = new Rng(seed);
  const truth = emptyTruth();
  const files: SqlFile[] = [];

  for (let i = 1; i <= counts.flyway; i++) {
    const m = buildMigration(rng);
    tally(truth, m.up, 'up');
    const header = `-- ${m.summary.replace(/_/g, ' ')}\n-- Ticket: OPS-${rng.int(100, 9999)}\n\n`;
    files.push({ path: `flyway/V${i}__${m.summary}.sql`, text: `${header}${plain(m.up)}\n`, style: 'flyway' });
  }

  const gooseTime = timestamps(rng, new Date('2019-01-01T00:00:00Z'));
  for (let i = 1; i <= counts.goose; i++) {
    const m = buildMigration(rng);
    tally(truth, m.up, 'up');
    tally(truth, m.down, 'down');
    const noTx = m.concurrently ? '-- +goose NO TRANSACTION\n' : '';
    const text = `${noTx}-- +goose Up\n${goose(m.up)}\n\n-- +goose Down\n${goose(m.down)}\n`;
    files.push({ path: `goose/${gooseTime()}_${m.summary}.sql`, text, style: 'goose' });
  }

  const dbmateTime = timestamps(rng, new Date('2020-01-01T00:00:00Z'));
  for (let i = 1; i <= counts.dbmate; i++) {
    const m = buildMigration(rng);
    tally(truth, m.up, 'up');
    tally(truth, m.down, 'down');
    const opt = m.concurrently ? ' transaction:false' : '';
    const text = `-- migrate:up${opt}\n${plain(m.up)}\n\n-- migrate:down${opt}\n${plain(m.down)}\n`;
    files.push({ path: `db/migrations/${dbmateTime()}_${m.summary}.sql`, text, style: 'dbmate' });
  }

  for (let i = 1; i <= counts.golangMigrate; i++) {
    const m = buildMigration(rng);
    tally(truth, m.up, 'up');
    tally(truth, m.down, 'down');
    const base = `migrate/${pad(i, 6)}_${m.summary}`;
    files.push({ path: `${base}.up.sql`, text: `${maybeTransaction(rng, m, plain(m.up))}\n`, style: 'golang-migrate' });
    const down = m.down.length > 0 ? plain(m.down) : '-- Nothing to undo: the up migration only changed data.';
    files.push({ path: `${base}.down.sql`, text: `${maybeTransaction(rng, m, down)}\n`, style: 'golang-migrate' });
  }

  return { files, dirs: ['flyway', 'goose', 'db/migrations', 'migrate'], truth };
}
