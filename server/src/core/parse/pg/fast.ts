// A fast path in front of libpg-query for the statements migrations are made of. libpg-query (PostgreSQL's
// parser compiled to wasm) costs 10-25 µs a statement; this recognizer builds the very same parse
// result (same JSON, field order and byte offsets included) in JavaScript for the common shapes, and returns
// undefined for anything it is not certain about so that the caller asks libpg-query. A wrong tree could
// hide a DROP, so every doubt ends in undefined: test/unit/pgFast.test.ts checks it against libpg-query.
//
// Covered: BEGIN/START/COMMIT/END/ROLLBACK, SET, ALTER TABLE (common actions, RENAME), ALTER INDEX/TRIGGER/
// FUNCTION ... RENAME, ALTER TYPE (RENAME, enum values), CREATE TABLE [AS SELECT], CREATE [UNIQUE] INDEX,
// CREATE TRIGGER, CREATE TYPE ... AS ENUM, CREATE FUNCTION (trigger-function shape), CREATE EXTENSION, DO,
// DROP TABLE/INDEX/SEQUENCE/VIEW/TYPE/FUNCTION/TRIGGER/SCHEMA/EXTENSION, COMMENT ON, TRUNCATE, REINDEX,
// DELETE, UPDATE [... FROM], INSERT ... VALUES and SELECT ... FROM ... WHERE ... LIMIT, each with the common
// expressions (subqueries, EXISTS, CASE, ARRAY, LIKE, IS DISTINCT FROM included).

import type { Node, ObjectType, OnConflictClause, ParseResult, RawStmt } from 'libpg-query';
import { alterIndex, alterTrigger, alterType } from './fastAlter';
import { alterTable, createEnum, createTable, dropBehavior } from './fastDdl';
import { createIndex, indexElems } from './fastIndex';
import { createTrigger } from './fastTrigger';
import { expr, negate, simpleSelect } from './fastExpr';
import { Kw } from './keywords';
import { Cursor, tokenize, type Token, unsure } from './lex';
import {
  aliasedRelation, anyName, colId, compact, floatConst, intConst, rangeVar, relationExpr, str, stringConst, stringList, typeName,
} from './names';
import { analyze, createExtension, reindex } from './fastMisc';
import { createFunction, doStmt, functionName } from './fastRoutines';

/** PG_VERSION_NUM of the libpg-query release this mirrors (the tests compare whole results, version included). */
const PG_VERSION_NUM = 180004;

/**
 * The parse result libpg-query's parseSync(sql) would return, or undefined when `sql` is not one statement
 * of a shape this recognizer knows for certain.
 */
export function fastParse(sql: string): ParseResult | undefined {
  if (declinedByHead(sql)) return undefined;
  const tokens = tokenize(sql, true);
  if (!tokens || tokens.length === 0) return undefined;
  const last = tokens[tokens.length - 1];
  const semicolon = last.kind === 'op' && last.text === ';' ? last.start : undefined;
  const end = semicolon === undefined ? tokens.length : tokens.length - 1;
  if (end === 0) return undefined;
  let stmt: Node;
  try {
    const c = new Cursor(tokens, end);
    stmt = statement(c);
    if (!c.atEnd()) return undefined;
  } catch {
    // Mostly UNSURE; but even a bug here must cost speed only, never a statement: libpg-query decides.
    return undefined;
  }
  const location = tokens[0].start;
  const raw: RawStmt = compact({ stmt, stmt_location: location, stmt_len: semicolon === undefined ? 0 : semicolon - location });
  return { version: PG_VERSION_NUM, stmts: [raw] };
}

// The words statement() starts with. Most statements it declines are told by their first words (WITH,
// ALTER VIEW, ALTER SEQUENCE): those are declined before the whole statement is tokenised.
const HEADS = new Set([
  'begin', 'start', 'commit', 'end', 'rollback', 'abort', 'set', 'alter', 'create', 'drop', 'comment', 'truncate', 'delete', 'update',
  'insert', 'do', 'select', 'reindex', 'analyze', 'analyse',
]);
const FIRST_WORDS = /^([A-Za-z]+)(?:[ \t\r\n]+([A-Za-z]+))?/;

function declinedByHead(sql: string): boolean {
  const words = FIRST_WORDS.exec(sql);
  if (!words) return false;
  const first = words[1].toLowerCase();
  if (!HEADS.has(first)) return true;
  return first === 'alter' && words[2] !== undefined && !ALTERED.has(words[2].toLowerCase());
}

const ALTERED = new Set(['table', 'index', 'type', 'trigger', 'function']);

function alter(c: Cursor): Node {
  const word = c.keyword();
  if (word === 'table') return alterTable(c);
  if (word === 'index') return alterIndex(c);
  if (word === 'type') return alterType(c);
  if (word === 'trigger') return alterTrigger(c);
  if (word === 'function') return alterFunction(c);
  return unsure();
}

/** ALTER FUNCTION name[()] RENAME TO new_name, for a function named without argument types. */
function alterFunction(c: Cursor): Node {
  const object = functionWithoutArgs(c);
  c.expect('rename');
  c.expect('to');
  const newname = colId(c).text;
  return { RenameStmt: { renameType: 'OBJECT_FUNCTION', relationType: 'OBJECT_ACCESS_METHOD', object, newname, behavior: 'DROP_RESTRICT' } };
}

function statement(c: Cursor): Node {
  switch (c.keyword()) {
    case 'begin':
      return transaction(c, 'TRANS_STMT_BEGIN');
    case 'start':
      c.expect('transaction');
      return transaction(c, 'TRANS_STMT_START');
    case 'commit':
    case 'end':
      return transaction(c, 'TRANS_STMT_COMMIT');
    case 'rollback':
    case 'abort':
      return transaction(c, 'TRANS_STMT_ROLLBACK');
    case 'set':
      return variableSet(c);
    case 'alter':
      return alter(c);
    case 'create':
      return create(c);
    case 'drop':
      return drop(c);
    case 'comment':
      return comment(c);
    case 'truncate':
      return truncate(c);
    case 'delete':
      return deleteStmt(c);
    case 'update':
      return update(c);
    case 'insert':
      return insert(c);
    case 'do':
      return doStmt(c);
    case 'select':
      return simpleSelect(c);
    case 'reindex':
      return reindex(c);
    case 'analyze':
    case 'analyse':
      return analyze(c);
    default:
      return unsure();
  }
}

/** BEGIN, START TRANSACTION, COMMIT/END, ROLLBACK/ABORT, without modes, chains or savepoints. */
function transaction(c: Cursor, kind: 'TRANS_STMT_BEGIN' | 'TRANS_STMT_START' | 'TRANS_STMT_COMMIT' | 'TRANS_STMT_ROLLBACK'): Node {
  if (kind !== 'TRANS_STMT_START' && !c.eat('work')) c.eat('transaction');
  return { TransactionStmt: { kind, location: -1 } };
}

/** SET [SESSION | LOCAL] name {TO | =} {value, ... | DEFAULT}, for plain setting names only. */
function variableSet(c: Cursor): Node {
  const isLocal = c.eat('local');
  if (!isLocal) c.eat('session');
  const name = [settingNamePart(c)];
  while (c.eatOp('.')) name.push(settingNamePart(c));
  if (!c.eat('to') && !c.eatOp('=')) unsure();
  if (c.eat('default')) {
    return { VariableSetStmt: compact({ kind: 'VAR_SET_DEFAULT', name: name.join('.'), is_local: isLocal, location: -1 }) };
  }
  const location = c.peek()?.start ?? unsure();
  const args = [settingValue(c)];
  while (c.eatOp(',')) args.push(settingValue(c));
  return { VariableSetStmt: compact({ kind: 'VAR_SET_VALUE', name: name.join('.'), args, is_local: isLocal, location }) };
}

/** Setting names that are keywords (TIME ZONE, ROLE, SESSION AUTHORIZATION, ...) have forms of their own. */
function settingNamePart(c: Cursor): string {
  const t = c.next();
  if (t.kind !== 'quoted' && !(t.kind === 'word' && t.kw === Kw.None)) unsure();
  return t.text;
}

/** var_value: a number (with its sign folded in), a string, or a word taken as a string. */
function settingValue(c: Cursor): Node {
  const t = c.next();
  if (t.kind === 'op' && (t.text === '-' || t.text === '+')) {
    const n = c.next();
    if (n.kind !== 'int' && n.kind !== 'float') unsure();
    // gram.y folds the sign into the number and reports the sign's location.
    return t.text === '-' ? negate(numberConst(n), t.start) : numberConst(n, t.start);
  }
  if (t.kind === 'int' || t.kind === 'float') return numberConst(t);
  if (t.kind === 'string' || t.kind === 'quoted') return stringConst(t.text, t.start);
  if (t.kind === 'word' && t.kw !== Kw.Reserved) return stringConst(t.text, t.start);
  if (t.kind === 'word' && (t.text === 'true' || t.text === 'false' || t.text === 'on')) return stringConst(t.text, t.start);
  return unsure();
}

function numberConst(t: Token, location = t.start): Node {
  return t.kind === 'int' ? intConst(Number(t.text), location) : floatConst(t.text, location);
}

function create(c: Cursor): Node {
  if (c.eat('or')) {
    c.expect('replace');
    c.expect('function');
    return createFunction(c, true);
  }
  const unique = c.eat('unique');
  const word = c.keyword();
  if (word === 'index') return createIndex(c, unique);
  if (unique) unsure();
  if (word === 'table') return createTable(c);
  if (word === 'trigger') return createTrigger(c);
  if (word === 'function') return createFunction(c, false);
  if (word === 'type') return createEnum(c);
  if (word === 'extension') return createExtension(c);
  return unsure();
}

// ---------------------------------------------------------------- DROP

const DROP_LISTS = new Map<string, ObjectType>([
  ['table', 'OBJECT_TABLE'], ['index', 'OBJECT_INDEX'], ['sequence', 'OBJECT_SEQUENCE'], ['view', 'OBJECT_VIEW'],
]);
const DROP_NAMES = new Map<string, ObjectType>([['schema', 'OBJECT_SCHEMA'], ['extension', 'OBJECT_EXTENSION']]);

function drop(c: Cursor): Node {
  const word = c.keyword();
  const listType: ObjectType | undefined = word === 'materialized' && c.eat('view') ? 'OBJECT_MATVIEW' : DROP_LISTS.get(word);
  if (listType) {
    const concurrent = listType === 'OBJECT_INDEX' && c.eat('concurrently');
    const missingOk = c.ifExists();
    const objects = commaList(c, () => ({ List: { items: stringList(anyName(c).parts) } }));
    return dropStmt(objects, listType, c, missingOk, concurrent);
  }
  const nameType = DROP_NAMES.get(word);
  if (nameType) {
    const missingOk = c.ifExists();
    return dropStmt(commaList(c, () => str(colId(c).text)), nameType, c, missingOk);
  }
  if (word === 'type') {
    const missingOk = c.ifExists();
    return dropStmt(commaList(c, () => ({ TypeName: typeName(c) })), 'OBJECT_TYPE', c, missingOk);
  }
  if (word === 'function') {
    const missingOk = c.ifExists();
    return dropStmt(commaList(c, () => functionWithoutArgs(c)), 'OBJECT_FUNCTION', c, missingOk);
  }
  if (word === 'trigger') return dropTrigger(c);
  return unsure();
}

function dropStmt(objects: Node[], removeType: ObjectType, c: Cursor, missingOk: boolean, concurrent = false): Node {
  return { DropStmt: compact({ objects, removeType, behavior: dropBehavior(c), missing_ok: missingOk, concurrent }) };
}

function commaList(c: Cursor, item: () => Node): Node[] {
  const out = [item()];
  while (c.eatOp(',')) out.push(item());
  return out;
}

/** `name` or `name()`: a function named without argument types. */
function functionWithoutArgs(c: Cursor): Node {
  const objname = stringList(functionName(c));
  if (!c.eatOp('(')) return { ObjectWithArgs: { objname, args_unspecified: true } };
  c.expectOp(')');
  return { ObjectWithArgs: { objname } };
}

/** DROP TRIGGER [IF EXISTS] name ON table: one object, the table's name parts followed by the trigger's. */
function dropTrigger(c: Cursor): Node {
  const missingOk = c.ifExists();
  const name = colId(c).text;
  c.expect('on');
  const items = stringList([...anyName(c).parts, name]);
  return dropStmt([{ List: { items } }], 'OBJECT_TRIGGER', c, missingOk);
}

// ---------------------------------------------------------------- COMMENT, TRUNCATE

const COMMENT_TYPES = new Map<string, ObjectType>([
  ['table', 'OBJECT_TABLE'], ['column', 'OBJECT_COLUMN'], ['index', 'OBJECT_INDEX'], ['sequence', 'OBJECT_SEQUENCE'],
  ['view', 'OBJECT_VIEW'],
]);

/** COMMENT ON {TABLE | COLUMN | INDEX | SEQUENCE | VIEW} name IS {'text' | NULL}. */
function comment(c: Cursor): Node {
  c.expect('on');
  const objtype = COMMENT_TYPES.get(c.keyword()) ?? unsure();
  const object: Node = { List: { items: stringList(anyName(c).parts) } };
  c.expect('is');
  if (c.eat('null')) return { CommentStmt: { objtype, object } };
  const text = c.next();
  if (text.kind !== 'string') unsure();
  return { CommentStmt: compact({ objtype, object, comment: text.text }) };
}

/** TRUNCATE [TABLE] [ONLY] name, ... [RESTART | CONTINUE IDENTITY] [CASCADE | RESTRICT]. */
function truncate(c: Cursor): Node {
  c.eat('table');
  const relations = commaList(c, () => ({ RangeVar: relationExpr(c) }));
  const restart = c.eat('restart');
  if (restart || c.eat('continue')) c.expect('identity');
  return { TruncateStmt: compact({ relations, restart_seqs: restart, behavior: dropBehavior(c) }) };
}

// ---------------------------------------------------------------- DML

/** DELETE FROM [ONLY] table [[AS] alias] [WHERE condition], without USING or RETURNING. */
function deleteStmt(c: Cursor): Node {
  c.expect('from');
  const relation = aliasedRelation(c);
  const whereClause = c.eat('where') ? expr(c) : undefined;
  return { DeleteStmt: compact({ relation, whereClause }) };
}

/** UPDATE [ONLY] table [[AS] alias] SET column = value, ... [FROM table [[AS] alias], ...] [WHERE condition], without RETURNING. */
function update(c: Cursor): Node {
  const relation = aliasedRelation(c);
  c.expect('set');
  const targetList = commaList(c, () => {
    const column = colId(c);
    c.expectOp('=');
    return { ResTarget: { name: column.text, val: expr(c), location: column.start } };
  });
  const fromClause = c.eat('from') ? commaList(c, () => ({ RangeVar: aliasedRelation(c) })) : [];
  const whereClause = c.eat('where') ? expr(c) : undefined;
  return { UpdateStmt: compact({ relation, targetList, whereClause, fromClause }) };
}

/** INSERT INTO table [(columns)] VALUES (...), ... [ON CONFLICT [(columns)] DO NOTHING]. */
function insert(c: Cursor): Node {
  c.expect('into');
  const relation = rangeVar(c);
  const cols = c.isOp('(')
    ? parenthesised(c, () => {
      const column = colId(c);
      return { ResTarget: { name: column.text, location: column.start } };
    })
    : [];
  // INSERT ... SELECT copies rows (a table rebuild's copy); its SELECT is the top-level statement's.
  const selectStmt: Node = c.eat('select') ? simpleSelect(c) : insertValues(c);
  const onConflictClause = c.is('on') ? onConflictDoNothing(c) : undefined;
  return { InsertStmt: compact({ relation, cols, selectStmt, onConflictClause, override: 'OVERRIDING_NOT_SET' }) };
}

function insertValues(c: Cursor): Node {
  c.expect('values');
  const valuesLists = commaList(c, () => ({ List: { items: parenthesised(c, () => expr(c)) } }));
  return { SelectStmt: { valuesLists, limitOption: 'LIMIT_OPTION_DEFAULT', op: 'SETOP_NONE' } };
}

function parenthesised(c: Cursor, item: () => Node): Node[] {
  c.expectOp('(');
  const items = commaList(c, item);
  c.expectOp(')');
  return items;
}

function onConflictDoNothing(c: Cursor): OnConflictClause {
  const on = c.expect('on');
  c.expect('conflict');
  const open = c.peek();
  const infer = open && c.isOp('(') ? { indexElems: indexElems(c), location: open.start } : undefined;
  c.expect('do');
  c.expect('nothing');
  return compact({ action: 'ONCONFLICT_NOTHING', infer, location: on.start });
}
