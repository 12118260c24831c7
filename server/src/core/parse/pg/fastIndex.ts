// CREATE INDEX for the fast PostgreSQL path (pg/fast.ts), and the index elements INSERT ... ON CONFLICT
// shares with it, in the node shapes libpg-query produces.

import type { IndexElem, Node, SortByNulls } from 'libpg-query';
import { coalesceExpr, expr, funcCall, isFunctionName } from './fastExpr';
import { Kw } from './keywords';
import { type Cursor, unsure } from './lex';
import { anyName, attrName, colId, compact, relationExpr, str, stringList } from './names';

/** CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] table [USING method] (elements) [WHERE ...]. */
export function createIndex(c: Cursor, unique: boolean): Node {
  const concurrent = c.eat('concurrently');
  const ifNotExists = c.ifNotExists();
  const idxname = ifNotExists || !c.is('on') ? colId(c).text : undefined;
  c.expect('on');
  const relation = relationExpr(c);
  const accessMethod = c.eat('using') ? colId(c).text : 'btree';
  const indexParams = indexElems(c);
  const whereClause = c.eat('where') ? expr(c) : undefined;
  return {
    IndexStmt: compact({ idxname, relation, accessMethod, indexParams, whereClause, unique, concurrent, if_not_exists: ifNotExists }),
  };
}

/** `( index_elem, ... )`, also used by INSERT ... ON CONFLICT. */
export function indexElems(c: Cursor): Node[] {
  c.expectOp('(');
  const elems = [indexElem(c)];
  while (c.eatOp(',')) elems.push(indexElem(c));
  c.expectOp(')');
  return elems;
}

/** A column, a function call or a parenthesised expression, then an operator class, ASC/DESC and NULLS FIRST/LAST (no COLLATE, no opclass options). */
function indexElem(c: Cursor): Node {
  let name: string | undefined;
  let e: Node | undefined;
  const t = c.peek();
  if (c.eatOp('(')) {
    e = expr(c);
    c.expectOp(')');
  } else if (isFunctionName(t) && (c.isOp('(', 1) || (c.isOp('.', 1) && c.isOp('(', 3)))) {
    c.next();
    const funcname = [str(t.text)];
    if (c.eatOp('.')) funcname.push(str(attrName(c)));
    e = funcCall(c, funcname, t.start);
  } else if (c.is('coalesce') && c.isOp('(', 1)) {
    e = coalesceExpr(c, c.next());
  } else {
    name = colId(c).text;
  }
  // Any name here is an operator class: ASC, DESC, COLLATE and NULLS FIRST/LAST are reserved words.
  const next = c.peek();
  const opclass = next && (next.kind === 'quoted' || (next.kind === 'word' && next.kw <= Kw.ColName)) ? stringList(anyName(c).parts) : undefined;
  const ordering = c.eat('asc') ? 'SORTBY_ASC' : c.eat('desc') ? 'SORTBY_DESC' : 'SORTBY_DEFAULT';
  let nulls: SortByNulls = 'SORTBY_NULLS_DEFAULT';
  if (c.eat('nulls')) nulls = c.eat('first') ? 'SORTBY_NULLS_FIRST' : c.eat('last') ? 'SORTBY_NULLS_LAST' : unsure();
  const elem: IndexElem = name === undefined ? { expr: e } : { name };
  if (opclass) elem.opclass = opclass;
  elem.ordering = ordering;
  elem.nulls_ordering = nulls;
  return { IndexElem: elem };
}
