// PostgreSQL column types (as format_type prints them) -> SQLAlchemy type expressions, for generated
// models. Only portable names (sa.*) and sqlalchemy.dialects.postgresql, which exist in SQLAlchemy 1.4
// and 2.x alike.

export interface PyType {
  expr: string;
  /** Needs `from sqlalchemy.dialects import postgresql`. */
  postgresql?: boolean;
  /** No SQLAlchemy equivalent: mapped as NullType, and the model says so. */
  unknown?: boolean;
}

const SIMPLE: Record<string, string> = {
  integer: 'sa.Integer',
  bigint: 'sa.BigInteger',
  smallint: 'sa.SmallInteger',
  text: 'sa.Text',
  boolean: 'sa.Boolean',
  date: 'sa.Date',
  'timestamp without time zone': 'sa.DateTime',
  'timestamp with time zone': 'sa.DateTime(timezone=True)',
  'time without time zone': 'sa.Time',
  'time with time zone': 'sa.Time(timezone=True)',
  interval: 'sa.Interval',
  'double precision': 'sa.Float',
  real: 'sa.REAL',
  numeric: 'sa.Numeric',
  'character varying': 'sa.String',
  bytea: 'sa.LargeBinary',
  json: 'sa.JSON',
};

const POSTGRES: Record<string, string> = {
  uuid: 'postgresql.UUID(as_uuid=True)',
  jsonb: 'postgresql.JSONB',
  inet: 'postgresql.INET',
  cidr: 'postgresql.CIDR',
  macaddr: 'postgresql.MACADDR',
  money: 'postgresql.MONEY',
  tsvector: 'postgresql.TSVECTOR',
  oid: 'postgresql.OID',
};

export function sqlalchemyType(pgType: string): PyType {
  const t = pgType.trim();
  if (t.endsWith('[]')) {
    const item = sqlalchemyType(t.slice(0, -2));
    return { expr: `postgresql.ARRAY(${item.expr})`, postgresql: true, ...(item.unknown ? { unknown: true } : {}) };
  }
  if (SIMPLE[t]) return { expr: SIMPLE[t] };
  if (POSTGRES[t]) return { expr: POSTGRES[t], postgresql: true };
  let m = /^character varying\((\d+)\)$/.exec(t);
  if (m) return { expr: `sa.String(${m[1]})` };
  m = /^(?:character|bpchar)\((\d+)\)$/.exec(t);
  if (m) return { expr: `sa.CHAR(${m[1]})` };
  if (t === 'character') return { expr: 'sa.CHAR(1)' };
  m = /^numeric\((\d+),(\d+)\)$/.exec(t);
  if (m) return { expr: `sa.Numeric(${m[1]}, ${m[2]})` };
  m = /^timestamp\((\d)\) (with|without) time zone$/.exec(t);
  if (m) return { expr: m[2] === 'with' ? 'sa.DateTime(timezone=True)' : 'sa.DateTime' };
  return { expr: 'sa.types.NullType()', unknown: true };
}
