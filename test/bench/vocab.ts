/**
 * Shared vocabulary for the synthetic migrations: table names and column shapes, each with its
 * SQLAlchemy spelling (what autogenerate writes in upgrade()), its reflected spelling (what it writes
 * in downgrade(), read back from the database) and its PostgreSQL spelling (SQL migrations).
 */
import type { Rng } from './rng';

export interface ColumnShape {
  name: string;
  sa: string;
  reflected: string;
  sql: string;
  nullable: boolean;
  /** server_default as SQLAlchemy text and as SQL. */
  serverDefault?: { sa: string; sql: string };
  /** Table this column references (a foreign key). */
  references?: string;
  needsPostgresql?: boolean;
}

export const TABLES = [
  'users', 'accounts', 'organizations', 'teams', 'memberships', 'roles', 'permissions', 'sessions',
  'api_keys', 'orders', 'order_items', 'invoices', 'invoice_lines', 'payments', 'refunds', 'coupons',
  'products', 'product_variants', 'inventory_levels', 'warehouses', 'shipments', 'addresses',
  'customers', 'subscriptions', 'plans', 'usage_records', 'events', 'audit_log', 'notifications',
  'webhooks', 'webhook_deliveries', 'feature_flags', 'comments', 'posts', 'tags', 'post_tags',
  'attachments', 'email_outbox', 'password_resets', 'login_attempts', 'carts', 'cart_items',
  'price_rules', 'tax_rates', 'exchange_rates', 'reports', 'report_runs', 'exports', 'imports',
] as const;

/** Tables that a cleanup migration plausibly drops. */
export const LEGACY_TABLES = [
  'legacy_users', 'old_payments', 'tmp_import_rows', 'user_settings_v1', 'billing_events_archive',
  'analytics_daily_rollup', 'sessions_old', 'order_notes', 'customer_flags', 'promo_codes_2019',
  'shipment_tracking_raw', 'feature_flag_overrides', 'search_index_queue', 'report_cache',
] as const;

type Template = Omit<ColumnShape, 'name'>;

const STRING = (n: number): Template => ({ sa: `sa.String(length=${n})`, reflected: `sa.VARCHAR(length=${n})`, sql: `varchar(${n})`, nullable: true });
const TEXT: Template = { sa: 'sa.Text()', reflected: 'sa.TEXT()', sql: 'text', nullable: true };
const INT: Template = { sa: 'sa.Integer()', reflected: 'sa.INTEGER()', sql: 'integer', nullable: true };
const BIGINT: Template = { sa: 'sa.BigInteger()', reflected: 'sa.BIGINT()', sql: 'bigint', nullable: true };
const BOOL: Template = { sa: 'sa.Boolean()', reflected: 'sa.BOOLEAN()', sql: 'boolean', nullable: false, serverDefault: { sa: "sa.text('false')", sql: 'false' } };
const TS: Template = { sa: 'sa.DateTime(timezone=True)', reflected: 'postgresql.TIMESTAMP(timezone=True)', sql: 'timestamptz', nullable: true, needsPostgresql: true };
const NUMERIC: Template = { sa: 'sa.Numeric(precision=12, scale=2)', reflected: 'sa.NUMERIC(precision=12, scale=2)', sql: 'numeric(12, 2)', nullable: true };
const JSONB: Template = { sa: 'postgresql.JSONB(astext_type=sa.Text())', reflected: 'postgresql.JSONB(astext_type=sa.Text())', sql: 'jsonb', nullable: true, needsPostgresql: true };
const UUID: Template = { sa: 'postgresql.UUID(as_uuid=True)', reflected: 'postgresql.UUID()', sql: 'uuid', nullable: false, needsPostgresql: true, serverDefault: { sa: "sa.text('gen_random_uuid()')", sql: 'gen_random_uuid()' } };
const FLOAT: Template = { sa: 'sa.Float()', reflected: 'sa.DOUBLE_PRECISION(precision=53)', sql: 'double precision', nullable: true };
const INET: Template = { sa: 'postgresql.INET()', reflected: 'postgresql.INET()', sql: 'inet', nullable: true, needsPostgresql: true };
const ARRAY: Template = { sa: 'postgresql.ARRAY(sa.String())', reflected: 'postgresql.ARRAY(sa.VARCHAR())', sql: 'text[]', nullable: true, needsPostgresql: true };

const NOW = { sa: "sa.text('now()')", sql: 'now()' };

/** Column names with their usual type; the generator picks from these. */
const COLUMN_LIBRARY: readonly (readonly [string, Template])[] = [
  ['email', { ...STRING(255), nullable: false }], ['name', STRING(128)], ['title', STRING(200)],
  ['slug', STRING(128)], ['description', TEXT], ['notes', TEXT], ['body', TEXT],
  ['status', { ...STRING(32), nullable: false, serverDefault: { sa: "'pending'", sql: "'pending'" } }],
  ['created_at', { ...TS, nullable: false, serverDefault: NOW }], ['updated_at', { ...TS, serverDefault: NOW }],
  ['deleted_at', TS], ['expires_at', TS], ['last_seen_at', TS], ['archived_at', TS],
  ['amount_cents', { ...BIGINT, nullable: false }], ['price', NUMERIC], ['tax_amount', NUMERIC],
  ['currency', STRING(3)], ['quantity', INT], ['position', INT], ['priority', INT], ['retry_count', INT],
  ['is_active', BOOL], ['is_verified', BOOL], ['is_archived', BOOL], ['send_email', BOOL],
  ['metadata', JSONB], ['settings', JSONB], ['payload', JSONB], ['external_id', STRING(64)],
  ['public_id', UUID], ['score', FLOAT], ['ip_address', INET], ['labels', ARRAY], ['locale', STRING(16)],
  ['timezone', STRING(64)], ['phone', STRING(32)], ['country_code', STRING(2)], ['version', INT],
  ['checksum', STRING(64)], ['source', STRING(32)], ['reason', TEXT], ['token_hash', STRING(128)],
];

/** Singular form used for foreign-key column names: order_items -> order_item_id. */
export function singular(table: string): string {
  if (table.endsWith('ies')) return `${table.slice(0, -3)}y`;
  if (table.endsWith('sses') || table.endsWith('xes')) return table.slice(0, -2);
  return table.endsWith('s') ? table.slice(0, -1) : table;
}

export function foreignKeyColumn(target: string): ColumnShape {
  return { name: `${singular(target)}_id`, ...INT, nullable: false, references: target };
}

/** Distinct columns for one table (never `id`, which the generators add themselves). */
export function pickColumns(rng: Rng, table: string, count: number): ColumnShape[] {
  const out: ColumnShape[] = [];
  const fkCount = Math.min(count, rng.int(0, 2));
  for (const target of rng.sample(TABLES.filter((t) => t !== table), fkCount)) out.push(foreignKeyColumn(target));
  for (const [name, t] of rng.sample(COLUMN_LIBRARY, count - out.length)) out.push({ name, ...t });
  return out;
}

/** A column that is new to a table (for add_column): a name from the library plus a suffix when needed. */
export function newColumn(rng: Rng, taken: Set<string>): ColumnShape {
  for (;;) {
    const [base, t] = rng.pick(COLUMN_LIBRARY);
    const name = taken.has(base) ? `${base}_${rng.pick(['v2', 'new', 'raw', 'override', 'hint'])}` : base;
    if (taken.has(name)) continue;
    taken.add(name);
    return { name, ...t, nullable: true };
  }
}

export const WORDS = [
  'billing', 'checkout', 'search', 'reporting', 'onboarding', 'fulfilment', 'notifications', 'pricing',
  'permissions', 'audit', 'exports', 'analytics', 'inventory', 'subscriptions', 'webhooks', 'sessions',
];

export function isoDate(rng: Rng, year: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))} ${pad(rng.int(0, 23))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}`;
}
