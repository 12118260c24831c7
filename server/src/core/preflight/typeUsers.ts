// DROP TYPE (an enum, a composite or a domain): the columns of today's tables that use the type, and the
// rows that hold a value in them. With CASCADE those columns go with the type and their values are lost;
// without it PostgreSQL refuses while any column still uses the type, whatever the rows hold, unless the
// migration moved or dropped that column earlier in the file.

import { quoteIdent } from '../db/catalog';
import type { SchemaSnapshot, TableInfo } from '../db/schemaSource';
import type { Operation } from '../ops';
import { rowsInAny, rowsWhere, type QueryOptions } from './queries';
import type { Question } from './questions';

/** `phase|schema|table|column` of the columns the file altered or dropped before an operation ('' for a whole table). */
export type Touched = ReadonlySet<string>;

export const touchedKey = (op: Operation, schema: string, table: string, column: string) => `${op.phase}\u0000${schema.toLowerCase()}\u0000${table.toLowerCase()}\u0000${column.toLowerCase()}`;

/** format_type's spelling of a column's type, without quotes, array brackets or the schema. */
function baseType(type: string): { schema?: string; name: string } {
  const bare = type.replace(/(?:\[\])+$/, '');
  const dot = bare.startsWith('"') ? bare.indexOf('".') + 1 : bare.indexOf('.');
  const unquote = (s: string) => s.replace(/^"|"$/g, '').replace(/""/g, '"');
  return dot > 0 ? { schema: unquote(bare.slice(0, dot)), name: unquote(bare.slice(dot + 1)) } : { name: unquote(bare) };
}

export function typeUsersQuestion(op: Operation, db: SchemaSnapshot, touched: Touched, o: QueryOptions): Question | undefined {
  const typeName = op.details.typeName;
  if (!typeName) return undefined;
  const schema = op.schema ?? db.defaultSchema;
  const users: Array<{ t: TableInfo; columns: string[] }> = [];
  for (const t of db.tables) {
    const columns = t.columns.filter((c) => {
      const b = baseType(c.type);
      // format_type leaves out the schema of a type on the search path (the default schema here).
      return b.name.toLowerCase() === typeName.toLowerCase() && (b.schema ?? db.defaultSchema).toLowerCase() === schema.toLowerCase();
    }).map((c) => c.name).filter((c) => !touched.has(touchedKey(op, t.schema, t.name, c)) && !touched.has(touchedKey(op, t.schema, t.name, '')));
    if (columns.length > 0) users.push({ t, columns });
  }
  if (users.length === 0) return undefined;
  const label = (t: TableInfo) => (t.schema === db.defaultSchema ? t.name : `${t.schema}.${t.name}`);
  const where = (columns: string[]) => columns.map((c) => `${quoteIdent(c)} IS NOT NULL`).join(' OR ');
  const names = users.flatMap((u) => u.columns.map((c) => `${label(u.t)}.${c}`)).join(', ');
  // Examples name rows of one table; across several tables only the count is asked.
  const query = users.length === 1 ? rowsWhere(users[0].t, where(users[0].columns), o) : rowsInAny(users.map((u) => ({ t: u.t, condition: where(u.columns) })), o);
  const plural = (n: string | 0) => n !== '1';
  const keyName = users.length === 1 && users[0].t.primaryKey.length > 0 ? { keyName: users[0].t.primaryKey.join(', ') } : {};
  if (op.details.cascade) {
    return {
      op,
      ...keyName,
      changes: 'lose',
      query,
      describe: (n) => (n === 0 ? `no row holds a value of type ${typeName} (${names}, which CASCADE drops)` : `the values of ${names} in ${n} ${plural(n) ? 'rows' : 'row'}, which CASCADE drops with type ${typeName}`),
    };
  }
  const uses = `${names} still ${users.length === 1 && users[0].columns.length === 1 ? 'uses' : 'use'} type ${typeName}`;
  return {
    op,
    ...keyName,
    failsAnyway: true,
    query,
    describe: (n) => (n === 0 ? `${uses}, though no row holds a value` : `${uses}; ${n} ${plural(n) ? 'rows hold' : 'row holds'} a value`),
  };
}
