// ALTER INDEX, ALTER TYPE and some ALTER TABLE actions for the fast PostgreSQL path (pg/fast.ts): the
// renames, enum changes, trigger switches and constraint timings schema migrations are full of, in the node
// shapes libpg-query produces. Every other form of these statements (SET, OWNER TO, ATTACH, RENAME
// ATTRIBUTE, DROP VALUE, ...) goes to libpg-query. The common ALTER TABLE actions are in pg/fastDdl.ts.

import type { AlterTableType, Node } from 'libpg-query';
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

/** ALTER TRIGGER name ON table RENAME TO new_name. */
export function alterTrigger(c: Cursor): Node {
  const subname = colId(c).text;
  c.expect('on');
  const relation = rangeVar(c);
  c.expect('rename');
  c.expect('to');
  const newname = colId(c).text;
  return {
    RenameStmt: { renameType: 'OBJECT_TRIGGER', relationType: 'OBJECT_ACCESS_METHOD', relation, subname, newname, behavior: 'DROP_RESTRICT' },
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

// ---------------------------------------------------------------- ALTER TABLE actions

const TRIGGER_SUBTYPES = new Map<string, readonly [AlterTableType, AlterTableType, AlterTableType]>([
  ['enable', ['AT_EnableTrig', 'AT_EnableTrigAll', 'AT_EnableTrigUser']],
  ['disable', ['AT_DisableTrig', 'AT_DisableTrigAll', 'AT_DisableTrigUser']],
]);

/** After ALTER TABLE: {ENABLE | DISABLE} TRIGGER {name | ALL | USER} (ALWAYS, REPLICA and RULE are left to libpg-query). */
export function triggerCmd(c: Cursor, word: string): Node {
  const [one, all, user] = TRIGGER_SUBTYPES.get(word) ?? unsure();
  c.expect('trigger');
  if (c.eat('all')) return { AlterTableCmd: { subtype: all, behavior: 'DROP_RESTRICT' } };
  if (c.eat('user')) return { AlterTableCmd: { subtype: user, behavior: 'DROP_RESTRICT' } };
  return { AlterTableCmd: { subtype: one, name: colId(c).text, behavior: 'DROP_RESTRICT' } };
}

/**
 * After ALTER TABLE ... ALTER CONSTRAINT: name followed by DEFERRABLE, NOT DEFERRABLE, INITIALLY DEFERRED
 * or INITIALLY IMMEDIATE, each at most once. ENFORCED, NO INHERIT and NOT VALID are left to libpg-query,
 * and so are the combinations gram.y rejects (NOT DEFERRABLE INITIALLY DEFERRED, DEFERRABLE NOT DEFERRABLE).
 */
export function alterConstraintCmd(c: Cursor): Node {
  const conname = colId(c).text;
  let deferrable: boolean | undefined;
  let initdeferred: boolean | undefined;
  do {
    if (c.eat('deferrable')) {
      if (deferrable !== undefined) unsure();
      deferrable = true;
    } else if (c.eat('not')) {
      c.expect('deferrable');
      if (deferrable !== undefined) unsure();
      deferrable = false;
    } else {
      c.expect('initially');
      if (initdeferred !== undefined) unsure();
      initdeferred = c.eat('deferred');
      if (!initdeferred) c.expect('immediate');
    }
  } while (!c.atEnd() && !c.isOp(','));
  if (deferrable === false && initdeferred) unsure();
  // processCASbits: INITIALLY DEFERRED implies DEFERRABLE.
  const def = compact({
    conname, is_enforced: true, alterDeferrability: true, deferrable: deferrable === true || initdeferred === true, initdeferred: initdeferred === true,
  });
  return { AlterTableCmd: { subtype: 'AT_AlterConstraint', def: { ATAlterConstraint: def }, behavior: 'DROP_RESTRICT' } };
}
