// The schema statements of the fast PostgreSQL path (pg/fast.ts): CREATE TABLE, ALTER TABLE and CREATE
// TYPE ... AS ENUM, with column definitions and constraints, in the node shapes libpg-query produces.
// CREATE INDEX is in pg/fastIndex.ts, ALTER INDEX, ALTER TYPE and the rarer ALTER TABLE actions in pg/fastAlter.ts.

import type { AlterTableCmd, AlterTableType, ColumnDef, Constraint, DropBehavior, Node, RangeVar } from 'libpg-query';
import { alterConstraintCmd, triggerCmd } from './fastAlter';
import { expr, simpleSelect } from './fastExpr';
import { type Cursor, unsure } from './lex';
import { anyName, colId, compact, nameList, rangeVar, relationExpr, sconst, str, stringList, typeName } from './names';

/** Builds a Constraint with its fields in libpg-query's order, leaving out the unset ones. */
function constraint(k: Constraint): Node {
  const out: Constraint = { contype: k.contype };
  if (k.conname) out.conname = k.conname;
  if (k.is_enforced) out.is_enforced = true;
  if (k.skip_validation) out.skip_validation = true;
  if (k.initially_valid) out.initially_valid = true;
  if (k.raw_expr) out.raw_expr = k.raw_expr;
  if (k.generated_when) out.generated_when = k.generated_when;
  if (k.keys) out.keys = k.keys;
  if (k.pktable) out.pktable = k.pktable;
  if (k.fk_attrs) out.fk_attrs = k.fk_attrs;
  if (k.pk_attrs?.length) out.pk_attrs = k.pk_attrs;
  if (k.fk_matchtype) {
    out.fk_matchtype = k.fk_matchtype;
    out.fk_upd_action = k.fk_upd_action;
    out.fk_del_action = k.fk_del_action;
  }
  out.location = k.location;
  return { Constraint: out };
}

/** opt_drop_behavior. */
export function dropBehavior(c: Cursor): DropBehavior {
  if (c.eat('cascade')) return 'DROP_CASCADE';
  c.eat('restrict');
  return 'DROP_RESTRICT';
}

/** `CONSTRAINT name`, when present. */
function constraintName(c: Cursor): string | undefined {
  return c.eat('constraint') ? colId(c).text : undefined;
}

/** `( a_expr )` of a CHECK constraint. */
function checkExpr(c: Cursor): Node {
  c.expectOp('(');
  const e = expr(c);
  c.expectOp(')');
  return e;
}

// ---------------------------------------------------------------- foreign keys

const ACTIONS = new Map([['cascade', 'c'], ['restrict', 'r']]);

/** key_actions: ON DELETE / ON UPDATE, each at most once, in either order ('a' is NO ACTION). */
function referentialActions(c: Cursor): { update: string; del: string } {
  const out = { update: 'a', del: 'a' };
  const seen = new Set<string>();
  while (c.eat('on')) {
    const event = c.keyword();
    if ((event !== 'delete' && event !== 'update') || seen.has(event)) unsure();
    seen.add(event);
    const action = referentialAction(c);
    if (event === 'delete') out.del = action;
    else out.update = action;
  }
  return out;
}

function referentialAction(c: Cursor): string {
  const word = c.keyword();
  const simple = ACTIONS.get(word);
  if (simple) return simple;
  if (word === 'no') {
    c.expect('action');
    return 'a';
  }
  if (word !== 'set') unsure();
  const action = c.eat('null') ? 'n' : c.eat('default') ? 'd' : unsure();
  if (c.isOp('(')) unsure();
  return action;
}

/** What follows REFERENCES: `table [(columns)] [ON DELETE ...] [ON UPDATE ...]` (MATCH is left to libpg-query). */
function references(c: Cursor): { pktable: RangeVar; pk_attrs: Node[]; update: string; del: string } {
  const pktable = rangeVar(c);
  const pkAttrs = c.isOp('(') ? nameList(c) : [];
  return { pktable, pk_attrs: pkAttrs, ...referentialActions(c) };
}

// ---------------------------------------------------------------- column definitions

const COLUMN_CONSTRAINT_START = new Set([
  'constraint', 'not', 'null', 'unique', 'primary', 'check', 'default', 'references', 'deferrable', 'initially', 'generated',
]);

/** ColQualList without ENFORCED, NO INHERIT, COLLATE, generated columns and identity sequence options. */
function columnConstraints(c: Cursor): Node[] {
  const out: Node[] = [];
  for (;;) {
    const t = c.peek();
    if (!t || t.kind !== 'word' || !COLUMN_CONSTRAINT_START.has(t.text)) return out;
    const conname = constraintName(c);
    out.push(columnConstraint(c, conname, t.start));
  }
}

function columnConstraint(c: Cursor, conname: string | undefined, location: number): Node {
  const word = c.keyword();
  switch (word) {
    case 'not':
      if (c.eat('deferrable')) return constraintAttribute('CONSTR_ATTR_NOT_DEFERRABLE', conname, location);
      c.expect('null');
      return constraint({ contype: 'CONSTR_NOTNULL', conname, is_enforced: true, initially_valid: true, location });
    case 'generated': {
      // GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY; `AS (expr) STORED` and `IDENTITY (options)` are left to libpg-query.
      const always = c.eat('always');
      if (!always) {
        c.expect('by');
        c.expect('default');
      }
      c.expect('as');
      c.expect('identity');
      if (c.isOp('(')) unsure();
      return constraint({ contype: 'CONSTR_IDENTITY', conname, generated_when: always ? 'a' : 'd', location });
    }
    case 'deferrable':
      return constraintAttribute('CONSTR_ATTR_DEFERRABLE', conname, location);
    case 'initially':
      if (c.eat('deferred')) return constraintAttribute('CONSTR_ATTR_DEFERRED', conname, location);
      c.expect('immediate');
      return constraintAttribute('CONSTR_ATTR_IMMEDIATE', conname, location);
    case 'null':
      return constraint({ contype: 'CONSTR_NULL', conname, location });
    case 'unique':
      return constraint({ contype: 'CONSTR_UNIQUE', conname, location });
    case 'primary':
      c.expect('key');
      return constraint({ contype: 'CONSTR_PRIMARY', conname, location });
    case 'check':
      return constraint({ contype: 'CONSTR_CHECK', conname, is_enforced: true, initially_valid: true, raw_expr: checkExpr(c), location });
    case 'default':
      return constraint({ contype: 'CONSTR_DEFAULT', conname, raw_expr: expr(c, 0, true), location });
    case 'references': {
      const fk = references(c);
      return constraint({
        contype: 'CONSTR_FOREIGN', conname, is_enforced: true, initially_valid: true, pktable: fk.pktable, pk_attrs: fk.pk_attrs,
        fk_matchtype: 's', fk_upd_action: fk.update, fk_del_action: fk.del, location,
      });
    }
    default:
      return unsure();
  }
}

/** ConstraintAttr: its own node in the column's list (a later pass applies it to the constraint before it); never named. */
function constraintAttribute(contype: Constraint['contype'], conname: string | undefined, location: number): Node {
  if (conname !== undefined) unsure();
  return constraint({ contype, location });
}

/** columnDef: name, type, constraints (no STORAGE, COMPRESSION, OPTIONS, COLLATE). */
function columnDef(c: Cursor): Node {
  const name = colId(c);
  const type = typeName(c);
  const constraints = columnConstraints(c);
  const def: ColumnDef = { colname: name.text, typeName: type, is_local: true };
  if (constraints.length) def.constraints = constraints;
  def.location = name.start;
  return { ColumnDef: def };
}

// ---------------------------------------------------------------- table constraints

const TABLE_CONSTRAINT_START = new Set(['constraint', 'check', 'unique', 'primary', 'foreign', 'not']);

function startsTableConstraint(c: Cursor): boolean {
  const t = c.peek();
  return t !== undefined && t.kind === 'word' && TABLE_CONSTRAINT_START.has(t.text);
}

/** TableConstraint: CHECK, UNIQUE, PRIMARY KEY, FOREIGN KEY and NOT NULL column, with NOT VALID where PostgreSQL allows it. */
function tableConstraint(c: Cursor): Node {
  const location = c.peek()?.start ?? unsure();
  const conname = constraintName(c);
  const word = c.keyword();
  switch (word) {
    case 'check': {
      const raw = checkExpr(c);
      const notValid = eatNotValid(c);
      return constraint({
        contype: 'CONSTR_CHECK', conname, is_enforced: true, skip_validation: notValid, initially_valid: !notValid, raw_expr: raw, location,
      });
    }
    case 'not':
      // NOT NULL's attributes (NOT VALID, NO INHERIT) are left to libpg-query: the caller finds them unread.
      c.expect('null');
      return constraint({ contype: 'CONSTR_NOTNULL', conname, initially_valid: true, keys: [str(colId(c).text)], location });
    case 'unique':
      if (!c.isOp('(')) unsure();
      return constraint({ contype: 'CONSTR_UNIQUE', conname, keys: nameList(c), location });
    case 'primary':
      c.expect('key');
      return constraint({ contype: 'CONSTR_PRIMARY', conname, keys: nameList(c), location });
    case 'foreign': {
      c.expect('key');
      const fkAttrs = nameList(c);
      c.expect('references');
      const fk = references(c);
      const notValid = eatNotValid(c);
      return constraint({
        contype: 'CONSTR_FOREIGN', conname, is_enforced: true, skip_validation: notValid, initially_valid: !notValid,
        pktable: fk.pktable, fk_attrs: fkAttrs, pk_attrs: fk.pk_attrs, fk_matchtype: 's', fk_upd_action: fk.update,
        fk_del_action: fk.del, location,
      });
    }
    default:
      return unsure();
  }
}

function eatNotValid(c: Cursor): boolean {
  if (!c.is('not') || !c.is('valid', 1)) return false;
  c.next();
  c.next();
  return true;
}

/** A column definition or a table constraint; EXCLUDE and LIKE (which `exclude`/`like` might also name) are not handled. */
function tableElement(c: Cursor): Node {
  if (startsTableConstraint(c)) return tableConstraint(c);
  if (c.is('exclude') || c.is('like')) unsure();
  return columnDef(c);
}

// ---------------------------------------------------------------- statements

/** CREATE TABLE [IF NOT EXISTS] name (elements), with no options after the list, or AS SELECT. */
export function createTable(c: Cursor): Node {
  const ifNotExists = c.ifNotExists();
  const relation = rangeVar(c);
  if (c.eat('as')) return createTableAs(c, relation, ifNotExists);
  c.expectOp('(');
  const elements: Node[] = [];
  if (!c.isOp(')')) {
    do elements.push(tableElement(c));
    while (c.eatOp(','));
  }
  c.expectOp(')');
  return { CreateStmt: compact({ relation, tableElts: elements, oncommit: 'ONCOMMIT_NOOP', if_not_exists: ifNotExists }) };
}

/** CREATE TABLE ... AS SELECT, for the SELECTs simpleSelect reads (WITH [NO] DATA and the rest go to libpg-query). */
function createTableAs(c: Cursor, rel: RangeVar, ifNotExists: boolean): Node {
  c.expect('select');
  const query = simpleSelect(c);
  return { CreateTableAsStmt: compact({ query, into: { rel, onCommit: 'ONCOMMIT_NOOP' }, objtype: 'OBJECT_TABLE', if_not_exists: ifNotExists }) };
}

/** ALTER TABLE [IF EXISTS] [ONLY] name: a RENAME, or a comma-separated list of the common actions. */
export function alterTable(c: Cursor): Node {
  const missingOk = c.ifExists();
  const relation = relationExpr(c);
  if (c.eat('rename')) return renameStmt(c, relation, missingOk);
  const cmds = [alterTableCmd(c)];
  while (c.eatOp(',')) cmds.push(alterTableCmd(c));
  return { AlterTableStmt: compact({ relation, cmds, objtype: 'OBJECT_TABLE', missing_ok: missingOk }) };
}

function renameStmt(c: Cursor, relation: RangeVar, missingOk: boolean): Node {
  if (c.eat('to')) {
    const newname = colId(c).text;
    return {
      RenameStmt: compact({
        renameType: 'OBJECT_TABLE', relationType: 'OBJECT_ACCESS_METHOD', relation, newname, behavior: 'DROP_RESTRICT', missing_ok: missingOk,
      }),
    };
  }
  const isConstraint = c.eat('constraint');
  if (!isConstraint) c.eat('column');
  const subname = colId(c).text;
  c.expect('to');
  const newname = colId(c).text;
  return {
    RenameStmt: compact({
      renameType: isConstraint ? 'OBJECT_TABCONSTRAINT' : 'OBJECT_COLUMN', relationType: isConstraint ? 'OBJECT_ACCESS_METHOD' : 'OBJECT_TABLE',
      relation, subname, newname, behavior: 'DROP_RESTRICT', missing_ok: missingOk,
    }),
  };
}

function cmd(subtype: AlterTableType, fields: AlterTableCmd = {}): Node {
  const out: AlterTableCmd = { subtype };
  if (fields.name) out.name = fields.name;
  if (fields.def) out.def = fields.def;
  out.behavior = fields.behavior ?? 'DROP_RESTRICT';
  if (fields.missing_ok) out.missing_ok = true;
  return { AlterTableCmd: out };
}

function alterTableCmd(c: Cursor): Node {
  const word = c.keyword();
  switch (word) {
    case 'add':
      return addCmd(c);
    case 'drop':
      return dropCmd(c);
    case 'alter':
      if (c.eat('constraint')) return alterConstraintCmd(c);
      c.eat('column');
      return alterColumnCmd(c, colId(c));
    case 'enable':
    case 'disable':
      return triggerCmd(c, word);
    case 'validate':
      c.expect('constraint');
      return cmd('AT_ValidateConstraint', { name: colId(c).text });
    default:
      return unsure();
  }
}

function addCmd(c: Cursor): Node {
  if (startsTableConstraint(c)) return cmd('AT_AddConstraint', { def: tableConstraint(c) });
  c.eat('column');
  const missingOk = c.ifNotExists();
  if (c.is('exclude')) unsure();
  return cmd('AT_AddColumn', { def: columnDef(c), missing_ok: missingOk });
}

function dropCmd(c: Cursor): Node {
  const isConstraint = c.eat('constraint');
  if (!isConstraint) c.eat('column');
  const missingOk = c.ifExists();
  const name = colId(c).text;
  return cmd(isConstraint ? 'AT_DropConstraint' : 'AT_DropColumn', { name, behavior: dropBehavior(c), missing_ok: missingOk });
}

/** ALTER [COLUMN] name: SET/DROP NOT NULL, SET/DROP DEFAULT, [SET DATA] TYPE t [USING expr]. */
function alterColumnCmd(c: Cursor, column: { text: string; start: number }): Node {
  const name = column.text;
  const word = c.keyword();
  if (word === 'set' && c.eat('not')) {
    c.expect('null');
    return cmd('AT_SetNotNull', { name });
  }
  if (word === 'drop' && c.eat('not')) {
    c.expect('null');
    return cmd('AT_DropNotNull', { name });
  }
  if (word === 'set' && c.eat('default')) return cmd('AT_ColumnDefault', { name, def: expr(c) });
  if (word === 'drop' && c.eat('default')) return cmd('AT_ColumnDefault', { name });
  if (word === 'type' || (word === 'set' && c.eat('data') && c.eat('type'))) {
    const type = typeName(c);
    const using = c.eat('using') ? expr(c) : undefined;
    const def: ColumnDef = using ? { typeName: type, raw_default: using, location: column.start } : { typeName: type, location: column.start };
    return cmd('AT_AlterColumnType', { name, def: { ColumnDef: def } });
  }
  return unsure();
}

// ---------------------------------------------------------------- CREATE TYPE

/** CREATE TYPE name AS ENUM ('label', ...); the other kinds of type go to libpg-query. */
export function createEnum(c: Cursor): Node {
  const names = stringList(anyName(c).parts);
  c.expect('as');
  c.expect('enum');
  c.expectOp('(');
  const vals: Node[] = [];
  if (!c.isOp(')')) {
    do vals.push(str(sconst(c).text));
    while (c.eatOp(','));
  }
  c.expectOp(')');
  return { CreateEnumStmt: compact({ typeName: names, vals }) };
}
