// CREATE TRIGGER for the fast PostgreSQL path (pg/fast.ts), in the node shape libpg-query produces.

import type { Node } from 'libpg-query';
import { expr } from './fastExpr';
import { functionName } from './fastRoutines';
import { type Cursor, unsure } from './lex';
import { colId, compact, rangeVar, str, stringList } from './names';

const UPDATE_EVENT = 16;
const TRIGGER_EVENTS = new Map([['insert', 4], ['delete', 8], ['update', UPDATE_EVENT], ['truncate', 32]]);
// TRIGGER_TYPE_BEFORE; AFTER is the absence of it.
const BEFORE = 2;
const AFTER = 0;

/**
 * CREATE TRIGGER name {BEFORE | AFTER} event [OR ...] ON table [FOR [EACH] {ROW | STATEMENT}] [WHEN (condition)]
 * EXECUTE {FUNCTION | PROCEDURE} f('arg', ...), where an event is INSERT, DELETE, TRUNCATE or UPDATE [OF column, ...].
 */
export function createTrigger(c: Cursor): Node {
  const trigname = colId(c).text;
  const timing = c.eat('before') ? BEFORE : AFTER;
  if (timing === AFTER) c.expect('after');
  let events = 0;
  let columns: Node[] = [];
  do {
    const event = TRIGGER_EVENTS.get(c.keyword()) ?? unsure();
    if (events & event) unsure();
    events |= event;
    if (event === UPDATE_EVENT && c.eat('of')) columns = columnList(c);
  } while (c.eat('or'));
  c.expect('on');
  const relation = rangeVar(c);
  const row = forEachRow(c);
  const whenClause = c.eat('when') ? triggerWhen(c) : undefined;
  c.expect('execute');
  if (!c.eat('function')) c.expect('procedure');
  const funcname = stringList(functionName(c));
  const args = triggerArguments(c);
  return { CreateTrigStmt: compact({ trigname, relation, funcname, args, row, timing, events, columns, whenClause }) };
}

/** The columns after UPDATE OF, without parentheses. */
function columnList(c: Cursor): Node[] {
  const columns = [str(colId(c).text)];
  while (c.eatOp(',')) columns.push(str(colId(c).text));
  return columns;
}

/** The `( condition )` after WHEN. */
function triggerWhen(c: Cursor): Node {
  c.expectOp('(');
  const condition = expr(c);
  c.expectOp(')');
  return condition;
}

/** `FOR [EACH] {ROW | STATEMENT}`; a trigger without it fires per statement. */
function forEachRow(c: Cursor): boolean {
  if (!c.eat('for')) return false;
  c.eat('each');
  if (c.eat('row')) return true;
  c.expect('statement');
  return false;
}

/** The trigger function's arguments, all string literals here (gram.y keeps them as String nodes). */
function triggerArguments(c: Cursor): Node[] {
  c.expectOp('(');
  const args: Node[] = [];
  if (!c.isOp(')')) {
    do {
      const t = c.next();
      if (t.kind !== 'string') unsure();
      args.push(str(t.text));
    } while (c.eatOp(','));
  }
  c.expectOp(')');
  return args;
}
