// SQLAlchemy type expressions as SQL types, so that an Alembic alter_column that states existing_type
// can be judged like a MySQL MODIFY: no change, widening, or a change that can lose values.

const ALIASES: Record<string, string> = {
  string: 'varchar',
  unicode: 'varchar',
  nvarchar: 'varchar',
  varchar: 'varchar',
  char: 'char',
  nchar: 'char',
  text: 'text',
  unicodetext: 'text',
  clob: 'text',
  tinytext: 'tinytext',
  mediumtext: 'mediumtext',
  longtext: 'longtext',
  integer: 'integer',
  int: 'integer',
  biginteger: 'bigint',
  bigint: 'bigint',
  smallinteger: 'smallint',
  smallint: 'smallint',
  tinyint: 'tinyint',
  mediumint: 'mediumint',
  numeric: 'numeric',
  decimal: 'numeric',
  float: 'float',
  real: 'real',
  double: 'double',
  double_precision: 'double precision',
  boolean: 'boolean',
  datetime: 'timestamp',
  timestamp: 'timestamp',
  date: 'date',
  time: 'time',
  interval: 'interval',
  json: 'json',
  jsonb: 'jsonb',
  uuid: 'uuid',
  uuidtype: 'uuid',
  timestamptz: 'timestamptz',
  enum: 'enum',
};

// The same few type expressions recur in every migration (sa.Integer(), sa.String(length=255)); the
// cap keeps a long-lived language server from holding every one it ever saw.
const known = new Map<string, string | undefined>();
const MAX_KNOWN = 10_000;

/** `sa.String(length=50)` -> `varchar(50)`; undefined for types this mapping does not know. */
export function sqlTypeOf(expression: string): string | undefined {
  if (known.has(expression)) return known.get(expression);
  const type = readSqlType(expression);
  if (known.size >= MAX_KNOWN) known.clear();
  known.set(expression, type);
  return type;
}

function readSqlType(expression: string): string | undefined {
  const m = /^(?:\w+\.)*(\w+)\s*(?:\(([\s\S]*)\))?$/.exec(expression.trim());
  const base = m ? ALIASES[m[1].toLowerCase()] : undefined;
  if (!m || !base) return undefined;
  const args = m[2] ?? '';
  // DateTime(timezone=True) / TIMESTAMP(timezone=True) is PostgreSQL's timestamptz.
  if (base === 'timestamp' && /\btimezone\s*=\s*True\b/.test(args)) return 'timestamptz';
  if (base === 'enum') {
    const values = [...args.matchAll(/(?:^|,)\s*(['"])(.*?)\1/g)].map((v) => `'${v[2]}'`);
    return `enum(${values.join(',')})`;
  }
  const numbers = args
    .split(',')
    .map((a) => a.trim())
    .filter((a) => /^(?:(?:length|precision|scale)\s*=\s*)?\d+$/.test(a))
    .map((a) => a.replace(/^\w+\s*=\s*/, ''));
  return numbers.length > 0 ? `${base}(${numbers.join(',')})` : base;
}
