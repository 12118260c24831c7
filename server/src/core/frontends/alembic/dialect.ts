// Code a migration runs only on some databases: `if op.get_bind().dialect.name == "oracle":`. Its SQL is
// written for that database, so it is read in that database's dialect when one is read here (MySQL,
// SQLite, PostgreSQL, ClickHouse); for any other (Oracle, SQL Server) only the heads of its statements
// are read (DROP TABLE, TRUNCATE, DELETE, UPDATE), rather than reporting SQL the project's dialect rejects.

import type { Problem } from '../../ops';
import type { SqlDialect } from '../../options';
import type { WalkState } from './calls';
import type { PyNode } from '../../python/node';
import { attributeName, literalItems, resolve, stringValue, type Scope } from '../../python/values';

/** The databases (as SQLAlchemy names them) a branch runs on; `negated`: it runs on all the others. */
export interface DialectTest {
  names: string[];
  negated: boolean;
}

const READ_DIALECTS: Record<string, SqlDialect> = {
  postgresql: 'postgres', postgres: 'postgres', cockroachdb: 'postgres', mysql: 'mysql', mariadb: 'mysql', sqlite: 'sqlite', clickhouse: 'clickhouse',
};

const DATABASE_NAMES: Record<string, string> = { oracle: 'Oracle', mssql: 'SQL Server', sybase: 'Sybase', firebird: 'Firebird', snowflake: 'Snowflake', redshift: 'Redshift' };

/**
 * `x.dialect.name == "oracle"`, `bind.engine.name in ("mysql", "mariadb")`, `name != "sqlite"`, where the
 * name may be saved in a variable first (`dialect = op.get_bind().dialect.name`), or the whole test
 * (`is_sqlite = bind.dialect.name == "sqlite"`).
 */
export function dialectTest(condition: PyNode, scope: Scope): DialectTest | undefined {
  const test = condition.type === 'identifier' ? resolve(condition, scope) : condition;
  if (test.type === 'parenthesized_expression' && test.namedChildren.length === 1) return dialectTest(test.namedChildren[0], scope);
  if (test.type === 'not_operator') {
    const inner = test.childForFieldName('argument');
    const found = inner ? dialectTest(inner, scope) : undefined;
    return found && { names: found.names, negated: !found.negated };
  }
  if (test.type !== 'comparison_operator' || test.namedChildren.length !== 2) return undefined;
  const [left, right] = test.namedChildren;
  const operator = test.text.slice(left.endIndex - test.startIndex, right.startIndex - test.startIndex).replace(/\s+/g, ' ').trim();
  if (!isDialectName(left, scope)) return undefined;
  const names = operator === '==' || operator === '!=' ? single(right, scope) : operator === 'in' || operator === 'not in' ? literalItems(right, scope)?.map((s) => s.value) : undefined;
  if (!names || names.length === 0) return undefined;
  return { names: names.map((n) => n.toLowerCase()), negated: operator === '!=' || operator === 'not in' };
}

function single(node: PyNode, scope: Scope): string[] | undefined {
  const value = stringValue(node, scope);
  return value && !value.dynamic ? [value.value] : undefined;
}

/** `<...>.dialect.name`, `<...>.engine.name`, `dialect.name`, or a name bound to one of them. */
function isDialectName(node: PyNode, scope: Scope): boolean {
  const target = resolve(node, scope);
  if (target.type !== 'attribute' || attributeName(target) !== 'name') return false;
  const object = target.childForFieldName('object');
  if (!object) return false;
  if (object.type === 'identifier' && (object.text === 'dialect' || object.text === 'engine')) return true;
  const owner = resolve(object, scope);
  return owner.type === 'attribute' && (attributeName(owner) === 'dialect' || attributeName(owner) === 'engine');
}

/** How a branch for `names` is read: in one of our dialects, or not at all (with the database named). */
type BranchReading = { dialect: SqlDialect } | { unread: string };

/** The state a branch that runs only on these databases is walked in. */
export function onDatabases(names: string[], condition: PyNode, state: WalkState, walker: { dialect: SqlDialect; dialectGuessed: boolean; problems: Problem[] }): WalkState {
  const reading = branchReading(names, walker.dialect);
  if ('dialect' in reading) return { ...state, sqlDialect: reading.dialect, unreadDialect: undefined };
  // When the project's own database is known, it is not this one: the branch never runs on it.
  if (walker.dialectGuessed) {
    const message = `This branch runs only on ${reading.unread}, whose SQL Migration Guard does not parse, and the project's database is not configured: of the SQL it runs, only DROP, TRUNCATE, DELETE and UPDATE statements were read. Calls such as op.drop_table() in it are still reported.`;
    walker.problems.push({ message, range: { start: condition.startIndex, end: condition.endIndex }, severity: 'info' });
  }
  return { ...state, unreadDialect: reading.unread };
}

function branchReading(names: string[], project: SqlDialect): BranchReading {
  const readable = names.flatMap((n) => (READ_DIALECTS[n] ? [READ_DIALECTS[n]] : []));
  if (readable.includes(project)) return { dialect: project };
  if (readable.length > 0) return { dialect: readable[0] };
  return { unread: names.map((n) => DATABASE_NAMES[n] ?? n).join(' or ') };
}
