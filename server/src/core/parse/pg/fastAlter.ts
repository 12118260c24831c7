// ALTER INDEX and ALTER TYPE for the fast PostgreSQL path (pg/fast.ts): the renames and enum changes
// schema migrations are full of, in the node shapes libpg-query produces. Every other form of these
// statements (SET, OWNER TO, ATTACH, RENAME ATTRIBUTE, DROP VALUE, ...) goes to libpg-query.

import type { Node } from 'libpg-query';
import { type Cursor, unsure } from './lex';
import { anyName, colId, compact, rangeVar, sconst, stringList } from './names';

/** ALTER INDEX [IF EXISTS] name RENAME TO new_name. */
export function alterIndex(c: Cursor): Node {
  const missingOk = c.ifExists();
  const relation = rangeVar(c);
  c.expect('rename');
  c.expect('to');
  const newname = colId(c).text;
  return {
    RenameStmt: compact({
      renameType: 'OBJECT_INDEX', relationType: 'OBJECT_ACCESS_METHOD', relation, newname, behavior: 'DROP_RESTRICT', missing_ok: missingOk,
    }),
  };
}

/**
 * ALTER TYPE name RENAME TO new_name, ADD VALUE [IF NOT EXISTS] 'v' [{BEFORE | AFTER} 'w'] and
 * RENAME VALUE 'v' TO 'w'.
 */
export function alterType(c: Cursor): Node {
  const names = stringList(anyName(c).parts);
  const word = c.keyword();
  if (word === 'add') {
    c.expect('value');
    const skipIfNewValExists = c.ifNotExists();
    const newVal = sconst(c).text;
    // gram.y: a value without a neighbour goes last, which it records as "after".
    const before = c.eat('before');
    const after = !before && c.eat('after');
    const newValNeighbor = before || after ? sconst(c).text : undefined;
    return {
      AlterEnumStmt: compact({ typeName: names, newVal, newValNeighbor, newValIsAfter: !before, skipIfNewValExists }),
    };
  }
  if (word !== 'rename') unsure();
  if (c.eat('to')) {
    const newname = colId(c).text;
    return {
      RenameStmt: {
        renameType: 'OBJECT_TYPE', relationType: 'OBJECT_ACCESS_METHOD', object: { List: { items: names } }, newname, behavior: 'DROP_RESTRICT',
      },
    };
  }
  c.expect('value');
  const oldVal = sconst(c).text;
  c.expect('to');
  const newVal = sconst(c).text;
  return { AlterEnumStmt: { typeName: names, oldVal, newVal } };
}
