// Django schema operations -> operation drafts, each judged against the app's models just before it
// (django/state.ts): the table a model lives in, whether Django manages it, and the field an AlterField,
// RemoveField or RenameField refers to.

import type { OpDetails } from '../../ops';
import type { PyNode } from '../../python/node';
import type { OpDraft } from '../alembic';
import { columnOf, columnType, fieldChanges, fillsExistingRows, isIndexed, isManyToMany, isNullable, isRelation, type FieldDef } from './fields';
import type { AppState, StateOp } from './state';
import { arg, calleeName, keywordArg, literalItems, nameValue, positionalArgs, type Scope } from '../../python/values';

const CONSTRAINT_CLASSES: Record<string, OpDetails['constraintType']> = {
  CheckConstraint: 'check',
  UniqueConstraint: 'unique',
  ExclusionConstraint: 'exclusion',
};

// Operations that name their model with `name=` rather than `model_name=`.
const MODEL_NAMED = new Set(['CreateModel', 'DeleteModel', 'AlterModelTable', 'AlterUniqueTogether', 'AlterIndexTogether']);

/** What one schema operation does to the database; `stateOps` is the same operation read as a state change. */
export function schemaDrafts(name: string, call: PyNode, stateOps: StateOp[], state: AppState, scope: Scope): OpDraft[] {
  const range = { start: call.startIndex, end: call.endIndex };
  const draft = (kind: OpDraft['kind'], table: string, details: OpDetails = {}, column?: string): OpDraft => {
    const d: OpDraft = { kind, table, range, details };
    if (column !== undefined) d.column = column;
    return d;
  };
  const op = stateOps[0];
  const model = nameValue(arg(call, 0, MODEL_NAMED.has(name) ? 'name' : 'model_name'), scope);
  if (model && !state.isManaged(model) && name !== 'CreateModel') return [];
  // A model named only at run time (an operation built in a loop): what it drops is unknown, not nothing.
  if (!model && (name === 'DeleteModel' || name === 'RemoveField')) return [{ kind: name === 'DeleteModel' ? 'drop-table' : 'drop-column', range, details: {} }];
  const table = model ? state.tableOf(model) : undefined;
  const keys = (f: FieldDef) => state.keyType(f);
  switch (name) {
    case 'CreateModel': {
      if (op?.type !== 'create-model' || !op.managed) return [];
      const created = op.table ?? `${state.app}_${op.name.toLowerCase()}`;
      const columns = op.fields.filter(([, f]) => !isManyToMany(f)).map(([n, f]) => ({ name: columnOf(n, f), type: columnType(f, keys), nullable: isNullable(f) }));
      const joins = op.fields.filter(([, f]) => isManyToMany(f)).map(([n]) => draft('create-table', `${created}_${n.toLowerCase()}`));
      return [draft('create-table', created, { columns }), ...joins];
    }
    case 'DeleteModel': {
      if (!model || !table) return [];
      const joins = [...(state.model(model)?.fields ?? [])].filter(([, f]) => isManyToMany(f)).map(([n]) => draft('drop-table', `${table}_${n}`));
      return [draft('drop-table', table), ...joins];
    }
    case 'RenameModel': {
      if (op?.type !== 'rename-model' || state.model(op.oldName)?.explicitTable || !state.isManaged(op.oldName)) return [];
      return [draft('rename-table', state.tableOf(op.oldName), { newName: `${state.app}_${op.newName.toLowerCase()}` })];
    }
    case 'AlterModelTable': {
      if (op?.type !== 'alter-model-table' || !table) return [];
      const next = op.table ?? `${state.app}_${op.name.toLowerCase()}`;
      return next === table ? [] : [draft('rename-table', table, { newName: next })];
    }
    case 'AddField': {
      if (op?.type !== 'add-field' || !table) return [];
      if (isManyToMany(op.field)) return [draft('create-table', `${table}_${op.name.toLowerCase()}`)];
      const column = columnOf(op.name, op.field);
      const details = { nullable: isNullable(op.field), hasDefault: fillsExistingRows(op.field), newType: columnType(op.field, keys) };
      // Django indexes a new foreign key (or db_index=True field) with a plain CREATE INDEX.
      const index = isIndexed(op.field) ? [draft('create-index', table, { concurrently: false }, column)] : [];
      return [draft('add-column', table, details, column), ...index];
    }
    case 'AlterUniqueTogether':
    case 'AlterIndexTogether': {
      if (op?.type !== 'alter-together' || !model || !table) return [];
      const before = state.model(model)?.together[op.option];
      if (!before) return [];
      const unique = op.option === 'unique_together';
      const removed = before.filter((s) => !op.sets.includes(s));
      const added = op.sets.filter((s) => !before.includes(s));
      return [
        ...removed.map(() => (unique ? draft('drop-constraint', table, { constraintType: 'unique' }) : draft('drop-index', table, { concurrently: false }))),
        ...added.map((set) => (unique ? draft('add-constraint', table, { constraintType: 'unique', notValid: false, ...keyColumns(model, set.split(','), state) }) : draft('create-index', table, { concurrently: false }))),
      ];
    }
    case 'RemoveField': {
      if (!table) return [];
      // A field named only at run time (`RemoveField("order", f) for f in ...`): some column of the table.
      if (op?.type !== 'remove-field') return [draft('drop-column', table)];
      const previous = state.field(op.model, op.name);
      if (previous && isManyToMany(previous)) return [draft('drop-table', `${table}_${op.name.toLowerCase()}`)];
      return [draft('drop-column', table, {}, columnOf(op.name, previous))];
    }
    case 'AlterField':
      return op?.type === 'alter-field' && table ? alterField(op.model, op.name, op.field, state, table, draft) : [];
    case 'RenameField': {
      if (op?.type !== 'rename-field' || !table) return [];
      const previous = state.field(op.model, op.oldName);
      if (previous?.kwargs.db_column) return [];
      if (previous && isManyToMany(previous)) return [draft('rename-table', `${table}_${op.oldName.toLowerCase()}`, { newName: `${table}_${op.newName.toLowerCase()}` })];
      return [draft('rename-column', table, { newName: columnOf(op.newName, previous) }, columnOf(op.oldName, previous))];
    }
    case 'AddIndex':
    case 'AddIndexConcurrently': {
      const index = arg(call, 1, 'index');
      const indexName = index?.type === 'call' ? nameValue(keywordArg(index, 'name'), scope) : undefined;
      return table ? [draft('create-index', table, { indexName, concurrently: name === 'AddIndexConcurrently', unique: false })] : [];
    }
    case 'RemoveIndex':
    case 'RemoveIndexConcurrently':
      return table ? [draft('drop-index', table, { indexName: nameValue(arg(call, 1, 'name'), scope), concurrently: name === 'RemoveIndexConcurrently' })] : [];
    case 'AddConstraint': {
      const constraint = arg(call, 1, 'constraint');
      const cls = constraint?.type === 'call' ? calleeName(constraint) ?? '' : '';
      const constraintName = constraint?.type === 'call' ? nameValue(keywordArg(constraint, 'name'), scope) : undefined;
      const details: OpDetails = { constraintType: CONSTRAINT_CLASSES[cls] ?? 'unknown', constraintName, notValid: false };
      // UniqueConstraint(fields=[...]): the columns, for preflight's duplicate check. With a condition or
      // expressions the rows it covers are not these columns alone, so they are left unread.
      if (constraint?.type === 'call' && cls === 'UniqueConstraint' && model && !['condition', 'expressions', 'nulls_distinct'].some((k) => keywordArg(constraint, k)) && positionalArgs(constraint).length === 0) {
        const list = keywordArg(constraint, 'fields');
        const fields = list ? literalItems(list, scope) : undefined;
        if (fields && fields.length > 0 && fields.every((f) => !f.dynamic)) Object.assign(details, keyColumns(model, fields.map((f) => f.value), state));
      }
      return table ? [draft('add-constraint', table, details)] : [];
    }
    case 'RemoveConstraint':
      return table ? [draft('drop-constraint', table, { constraintName: nameValue(arg(call, 1, 'name'), scope), constraintType: 'unknown' })] : [];
    default:
      return [];
  }
}

type Draft = (kind: OpDraft['kind'], table: string, details?: OpDetails, column?: string) => OpDraft;

/**
 * AlterField restates the whole field. Without the previous declaration the change is still reported,
 * as unverified; with it, only what reaches the column is.
 */
function alterField(model: string, name: string, next: FieldDef, state: AppState, table: string, draft: Draft): OpDraft[] {
  const previous = state.field(model, name);
  if (!previous) {
    if (isManyToMany(next)) return [];
    return [draft('alter-column', table, { newType: columnType(next, (f) => state.keyType(f)), previousUnknown: true }, columnOf(name, next))];
  }
  const changes = fieldChanges(name, previous, next, (f) => state.keyType(f)).map((c) => {
    switch (c.kind) {
      case 'rename-column':
        return draft('rename-column', table, { newName: c.newName }, c.column);
      case 'alter-column': {
        const details: OpDetails = {};
        if (c.newType !== undefined) details.newType = c.newType;
        if (c.previousType !== undefined) details.previousType = c.previousType;
        if (c.previousUnknown) details.previousUnknown = true;
        if (c.unknownClass) details.unknownClass = true;
        if (c.lossless) details.lossless = true;
        if (c.nullable !== undefined) details.nullable = c.nullable;
        if (c.fillsNulls) details.fillsNulls = true;
        return draft('alter-column', table, details, c.column);
      }
      case 'add-constraint':
      case 'drop-constraint':
        return draft(c.kind, table, { constraintType: c.constraintType, ...(c.kind === 'add-constraint' ? { notValid: false } : {}) }, c.column);
      default:
        return draft(c.kind, table, { concurrently: false }, c.column);
    }
  });
  // A column that becomes a ForeignKey (or gets its constraint back with db_constraint=True) gains a
  // foreign key constraint, which PostgreSQL checks against every row.
  const constrained = (f: FieldDef) => isRelation(f.cls) && f.kwargs.db_constraint !== 'False';
  if (constrained(next) && !constrained(previous)) {
    const references = referenced(next, state);
    changes.push(draft('add-constraint', table, { constraintType: 'foreign-key', notValid: false, keyColumns: [columnOf(name, next)], ...(references ? { references } : {}) }, columnOf(name, next)));
  }
  return changes;
}

/** The columns of a model's fields, by field name; nothing when one of them is not known. */
function keyColumns(model: string, fields: string[], state: AppState): Pick<OpDetails, 'keyColumns'> {
  const columns = fields.map((f) => {
    const field = state.field(model, f);
    return field ? columnOf(f, field) : undefined;
  });
  return columns.every((c): c is string => c !== undefined) ? { keyColumns: columns } : {};
}

/** The table and key column a relation points at, when its model is one of this app's. */
function referenced(relation: FieldDef, state: AppState): OpDetails['references'] {
  if (!relation.to || (relation.toApp !== undefined && relation.toApp !== state.app.toLowerCase())) return undefined;
  const target = state.model(relation.to);
  if (!target) return undefined;
  const toField = relation.kwargs.to_field?.startsWith('"') ? (JSON.parse(relation.kwargs.to_field) as string) : undefined;
  const entry = [...target.fields.entries()].find(([n, f]) => (toField ? n === toField.toLowerCase() : f.kwargs.primary_key === 'True'));
  return entry ? { table: state.tableOf(relation.to), columns: [columnOf(entry[0], entry[1])] } : undefined;
}
