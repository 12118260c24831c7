// Statements node-sql-parser rejects. Some are harmless and need no parser (PRAGMA, SET, DELIMITER'd
// routine bodies, transaction control, EXECUTE of a statement PREPARE made: see sql/otherPrepared.ts,
// MySQL's DROP TEMPORARY TABLE, which only drops a table the migration's own session created); some are common shapes its grammar lacks (SQLite's DROP INDEX,
// `DROP TABLE .. CASCADE`, which MySQL accepts and ignores, ALTER TABLE clauses such as ALTER COLUMN
// SET DEFAULT). Everything else stays a problem, reported as parse-error: never skipped silently.

import type { OpDetails } from '../../ops';
import type { OpDraft } from './pgStatements';
import type { OtherDialect, OtherFacts } from './other';

const NAME = String.raw`(?:[\x60"\[]?[\w$]+[\x60"\]]?\s*\.\s*)?[\x60"\[]?[\w$]+[\x60"\]]?`;

const BEGIN = /^(?:begin(?:\s+(?:deferred|immediate|exclusive))?(?:\s+transaction|\s+work)?|start\s+transaction)$/i;
const END = /^(?:commit|end|rollback)(?:\s+(?:transaction|work))?$/i;
const HARMLESS = new RegExp(
  String.raw`^(?:pragma|savepoint|release|set|use|execute|deallocate\s+prepare|drop\s+prepare|lock|unlock|vacuum|analy[sz]e|reindex|optimize|flush|grant|revoke|show|explain|describe|call|handler|checksum|repair|attach|detach|insert|comment\s+on|` +
    String.raw`create\s+(?:or\s+replace\s+)?(?:definer\s*=\s*\S+\s+)?(?:temp\s+|temporary\s+)?(?:procedure|function|trigger|event|view|algorithm|sql\s+security)|` +
    String.raw`drop\s+(?:procedure|function|trigger|event|view|temporary\s+table)|alter\s+(?:view|event|database|schema|procedure|function))\b`,
  'i',
);
const CREATE_TABLE = new RegExp(String.raw`^create\s+(?:temp\s+|temporary\s+)?table\s+(?:if\s+not\s+exists\s+)?(${NAME})`, 'i');
const CREATE_INDEX = new RegExp(String.raw`^create\s+(unique\s+)?index\s+(?:if\s+not\s+exists\s+)?(${NAME})\s+on\s+(${NAME})`, 'i');
const DROP_INDEX = new RegExp(String.raw`^drop\s+index\s+(if\s+exists\s+)?(${NAME})(?:\s+on\s+(${NAME}))?$`, 'i');
// Found from the end: /^(drop\s+table\s+[\s\S]+?)\s+(cascade|restrict)$/ backtracks quadratically over long whitespace.
const DROP_TABLE = /^drop\s+table\s+\S/i;
const BEHAVIOUR = /\s(cascade|restrict)$/i;
// Data changes whose table name the grammar takes for a keyword (SQLite's parser rejects `session`).
// MySQL's `DELETE FROM a, b USING a JOIN b ...` (which the grammar lacks) deletes from each table before USING.
const DELETE = new RegExp(String.raw`^delete\s+from\s+(${NAME}(?:\s*,\s*${NAME})*)(\s+using\b[\s\S]*?\bjoin\b)?`, 'i');
const UPDATE = new RegExp(String.raw`^update\s+(?:or\s+\w+\s+)?(${NAME})\s+set\b`, 'i');
const TRUNCATE = new RegExp(String.raw`^truncate\s+(?:table\s+)?(${NAME})$`, 'i');
const DROP_TABLES = new RegExp(String.raw`^drop\s+table\s+(if\s+exists\s+)?(${NAME}(?:\s*,\s*${NAME})*)$`, 'i');
const ALTER_TABLE = new RegExp(String.raw`^alter\s+table\s+(${NAME})\s+([\s\S]+)$`, 'i');
const DROP_COLUMN_CLAUSE = new RegExp(String.raw`^drop\s+(?:column\s+)?(?:if\s+exists\s+)?(${NAME})(?:\s+(?:cascade|restrict))?$`, 'i');
// SQLite takes any words as a column's type (`bool`, `JSONB`, `uuid`), and MySQL attributes such as
// `BINARY` after a type: the grammar rejects both, but adding a column loses nothing.
const ADD_COLUMN_CLAUSE = new RegExp(String.raw`^add\s+(?:column\s+)?(?:if\s+not\s+exists\s+)?(${NAME})\s+(\w[\w ]*)`, 'i');
// MySQL 8's `DROP CONSTRAINT name` (8.0.19) and `DROP CHECK name`, beyond the grammar.
const DROP_CONSTRAINT_CLAUSE = new RegExp(String.raw`^drop\s+(constraint|check)\s+(${NAME})$`, 'i');
const NOT_A_COLUMN = /^(?:index|key|foreign|primary|constraint|check|partition|unique|fulltext|spatial)$/i;
const HARMLESS_CLAUSE =
  /^(?:alter\s+(?:column\s+)?\S+\s+(?:set|drop)\s+(?:default|visible|invisible)|convert\s+to|(?:default\s+)?(?:charset|character\s+set|collate)|comment|auto_increment|engine|row_format|algorithm|lock|force|add\s+partition|drop\s+partition|rename\s+(?:index|key))\b/i;

/**
 * Reads a statement the parser rejected. `retry` parses a rewritten statement (a single ALTER TABLE
 * clause, a DROP TABLE without CASCADE) and returns undefined when that fails too.
 */
export function fallbackFacts(text: string, dialect: OtherDialect, error: string, retry: (sql: string) => OtherFacts | undefined): OtherFacts {
  const none: OtherFacts = { ops: [], copiesFrom: [] };
  if (BEGIN.test(text)) return { ...none, transaction: 'begin' };
  if (END.test(text)) return { ...none, transaction: 'end' };
  if (HARMLESS.test(text)) return none;
  const behaviour = DROP_TABLE.test(text) ? BEHAVIOUR.exec(text) : null;
  const head = behaviour ? text.slice(0, behaviour.index).trimEnd() : '';
  if (behaviour && DROP_TABLE.test(head)) {
    const facts = retry(head);
    if (facts) {
      for (const op of facts.ops) op.details.cascade = /cascade/i.test(behaviour[1]);
      return facts;
    }
  }
  const change = dataChange(text);
  if (change) return { ...none, ops: change };
  const dropIndex = DROP_INDEX.exec(text);
  if (dropIndex) return { ...none, ops: [named({ kind: 'drop-index', details: { ifExists: !!dropIndex[1], indexName: last(dropIndex[2]) } }, dropIndex[3])] };
  const createIndex = CREATE_INDEX.exec(text);
  if (createIndex) {
    const details = { indexName: last(createIndex[2]), concurrently: false, unique: !!createIndex[1] };
    return { ...none, ops: [named({ kind: 'create-index', details }, createIndex[3])] };
  }
  const createTable = CREATE_TABLE.exec(text);
  if (createTable) return { ...none, ops: [named({ kind: 'create-table', details: { ifExists: /\bif\s+not\s+exists\b/i.test(text) } }, createTable[1])] };
  const alter = ALTER_TABLE.exec(text);
  if (alter) return alterClauses(alter[1], alter[2], dialect, error, retry);
  return { ...none, problem: unreadable(dialect, error) };
}

/** Each clause of an ALTER TABLE on its own, so one the parser lacks does not hide a DROP COLUMN next to it. */
function alterClauses(table: string, body: string, dialect: OtherDialect, error: string, retry: (sql: string) => OtherFacts | undefined): OtherFacts {
  const facts: OtherFacts = { ops: [], copiesFrom: [] };
  for (const clause of topLevelClauses(body)) {
    // MySQL's `VARCHAR(255) BINARY` (a binary collation, written the old way) is beyond the grammar.
    const binary = dialect === 'mysql' ? clause.replace(/\)\s+binary\b/i, ')') : clause;
    const parsed = retry(`ALTER TABLE ${table} ${clause}`) ?? (binary !== clause ? retry(`ALTER TABLE ${table} ${binary}`) : undefined);
    if (parsed) {
      facts.ops.push(...parsed.ops);
      if (parsed.redefinitions) (facts.redefinitions ??= []).push(...parsed.redefinitions);
      continue;
    }
    const drop = DROP_COLUMN_CLAUSE.exec(clause);
    const dropConstraint = DROP_CONSTRAINT_CLAUSE.exec(clause);
    const add = drop ? undefined : ADD_COLUMN_CLAUSE.exec(clause);
    if (drop && !NOT_A_COLUMN.test(drop[1])) {
      facts.ops.push(named({ kind: 'drop-column', column: last(drop[1]), details: {} }, table));
    } else if (dropConstraint) {
      const constraintType = /^check$/i.test(dropConstraint[1]) ? 'check' : 'unknown';
      facts.ops.push(named({ kind: 'drop-constraint', details: { constraintType, constraintName: last(dropConstraint[2]) } }, table));
    } else if (add && !NOT_A_COLUMN.test(add[1])) {
      facts.ops.push(named({ kind: 'add-column', column: last(add[1]), details: addedColumn(clause, add[2], dialect) }, table));
    } else if (!HARMLESS_CLAUSE.test(clause)) {
      facts.problem = unreadable(dialect, error);
    }
  }
  return facts;
}

/** What an ADD COLUMN clause the grammar rejected says about the column: its type words, NOT NULL, a default. */
function addedColumn(clause: string, typeWords: string, dialect: OtherDialect): OpDetails {
  const words = typeWords.trim().split(/\s+/);
  const stop = words.findIndex((w) => /^(?:not|null|default|primary|unique|references|check|constraint|collate|generated|as)$/i.test(w));
  const newType = (stop < 0 ? words : words.slice(0, stop)).join(' ');
  const outsideStrings = clause.replace(/'(?:[^']|'')*'/g, "''");
  // MySQL fills a new NOT NULL column of existing rows with the type's implicit default, as in sql/other.ts.
  const hasDefault = /\bdefault\b/i.test(outsideStrings) || dialect === 'mysql';
  return { nullable: !/\bnot\s+null\b/i.test(outsideStrings), hasDefault, ...(newType ? { newType } : {}) };
}

function dataChange(text: string): OpDraft[] | undefined {
  const hasWhere = /\bwhere\b/i.test(text.replace(/'(?:[^']|'')*'/g, "''"));
  const deleted = DELETE.exec(text);
  if (deleted) return deleted[1].split(',').map((name) => named({ kind: 'delete-rows', details: { hasWhere: hasWhere || deleted[2] !== undefined } }, name.trim()));
  const updated = UPDATE.exec(text);
  if (updated) return [named({ kind: 'update-rows', details: { hasWhere } }, updated[1])];
  const truncated = TRUNCATE.exec(text);
  if (truncated) return [named({ kind: 'truncate', details: {} }, truncated[1])];
  const dropped = DROP_TABLES.exec(text);
  if (!dropped) return undefined;
  return dropped[2].split(',').map((name) => named({ kind: 'drop-table', details: { ifExists: !!dropped[1] } }, name.trim()));
}

function topLevelClauses(body: string): string[] {
  const clauses: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      clauses.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  clauses.push(body.slice(start).trim());
  return clauses.filter(Boolean);
}

function named(draft: OpDraft, qualifiedName: string | undefined): OpDraft {
  if (!qualifiedName) return draft;
  const parts = qualifiedName.split('.').map(unquote);
  draft.table = parts[parts.length - 1];
  if (parts.length > 1) draft.schema = parts[0];
  return draft;
}

function last(qualifiedName: string): string {
  const parts = qualifiedName.split('.').map(unquote);
  return parts[parts.length - 1];
}

function unquote(name: string): string {
  return name.trim().replace(/^[`"[]|[`"\]]$/g, '');
}

function unreadable(dialect: OtherDialect, error: string): string {
  const found = /but (.+?) found/.exec(error)?.[1];
  const why = found ? `unexpected ${found === 'end of input' ? 'end of statement' : found}` : error.split('\n')[0];
  return `could not parse this ${dialect === 'mysql' ? 'MySQL' : 'SQLite'} statement (${why}); it was not checked`;
}
