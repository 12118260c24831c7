// Fast-path statements that migrations run beside their DDL: ANALYZE after a data fix, REINDEX, CREATE
// EXTENSION before a column that needs one (Alembic's through op.execute()). Each is read to exactly the tree libpg-query
// builds (test/unit/pgFastMisc.test.ts), and anything else of the same statement is left to libpg-query.

import type { Node } from 'libpg-query';
import { type Cursor, unsure } from './lex';
import { colId, compact, nameList, rangeVar, sconst, str } from './names';

/** ANALYZE | ANALYSE [VERBOSE] [table [(column, ...)], ...]; the parenthesised option list is declined. */
export function analyze(c: Cursor): Node {
  const options = optionWord(c, 'verbose');
  if (c.isOp('(')) unsure();
  const rels: Node[] = [];
  if (!c.atEnd()) {
    do {
      const relation = rangeVar(c);
      const columns = c.isOp('(') ? nameList(c) : undefined;
      rels.push({ VacuumRelation: compact({ relation, va_cols: columns }) });
    } while (c.eatOp(','));
  }
  return { VacuumStmt: compact({ options, rels }) };
}

/** REINDEX {TABLE | INDEX} [CONCURRENTLY] name; the parenthesised options and the other targets go to libpg-query. */
export function reindex(c: Cursor): Node {
  const word = c.keyword();
  if (word !== 'table' && word !== 'index') unsure();
  const params = optionWord(c, 'concurrently');
  const relation = rangeVar(c);
  return { ReindexStmt: compact({ kind: word === 'table' ? 'REINDEX_OBJECT_TABLE' : 'REINDEX_OBJECT_INDEX', relation, params }) };
}

/** An option spelled as one word before the statement's object (ANALYZE VERBOSE, REINDEX ... CONCURRENTLY): a DefElem without argument, or none. */
function optionWord(c: Cursor, word: string): Node[] {
  const t = c.peek();
  return t && c.eat(word) ? [{ DefElem: { defname: word, defaction: 'DEFELEM_UNSPEC', location: t.start } }] : [];
}

/** CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION 'v'] [CASCADE], after CREATE EXTENSION. */
export function createExtension(c: Cursor): Node {
  const ifNotExists = c.ifNotExists();
  const extname = colId(c).text;
  c.eat('with');
  const options: Node[] = [];
  while (!c.atEnd()) {
    const word = c.next();
    if (word.kind !== 'word') unsure();
    if (word.text === 'schema') options.push(defElem('schema', str(colId(c).text), word.start));
    else if (word.text === 'version') options.push(defElem('new_version', str(sconst(c).text), word.start));
    else if (word.text === 'cascade') options.push(defElem('cascade', { Boolean: { boolval: true } }, word.start));
    else unsure();
  }
  return { CreateExtensionStmt: compact({ extname, if_not_exists: ifNotExists, options }) };
}

function defElem(defname: string, arg: Node, location: number): Node {
  return { DefElem: { defname, arg, defaction: 'DEFELEM_UNSPEC', location } };
}
