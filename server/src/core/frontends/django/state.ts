// The models of one Django app as its migrations build them up, replayed operation by operation: which
// table each model lives in (db_table or Django's `<app>_<model>`), whether Django manages that table,
// and each field's last declaration (what an AlterField is compared with).

import type { PyNode } from '../../python/node';
import { columnType, readField, readFieldList, type FieldDef } from './fields';
import { arg, calleeName, isFalse, isTrue, keywordArg, nameValue, type Scope } from '../../python/values';

export type StateOp =
  | { type: 'create-model'; name: string; fields: Array<[string, FieldDef]>; table?: string; managed: boolean; proxy?: boolean; together: Together }
  | { type: 'alter-together'; name: string; option: keyof Together; sets: string[] }
  | { type: 'delete-model'; name: string }
  | { type: 'rename-model'; oldName: string; newName: string }
  | { type: 'alter-model-table'; name: string; table?: string }
  | { type: 'alter-model-options'; name: string; managed: boolean }
  | { type: 'add-field' | 'alter-field'; model: string; name: string; field: FieldDef }
  | { type: 'remove-field'; model: string; name: string }
  | { type: 'rename-field'; model: string; oldName: string; newName: string };

/** unique_together / index_together: each set of field names, joined with commas. */
export interface Together {
  unique_together: string[];
  index_together: string[];
}

export interface ModelState {
  name: string;
  together: Together;
  /** Set by db_table / AlterModelTable; otherwise the table follows the model's name. */
  explicitTable?: string;
  /** managed=False and proxy models have no table Django creates, alters or drops. */
  managed: boolean;
  /** A proxy stays one whatever AlterModelOptions says (proxy is not an option it changes). */
  proxy?: boolean;
  fields: Map<string, FieldDef>;
}

export class AppState {
  private readonly models = new Map<string, ModelState>();
  /** Other apps' models as this migration's dependencies on them leave them; undefined when not found. */
  otherApps?: (app: string) => AppState | undefined;

  constructor(readonly app: string) {}

  clone(): AppState {
    const copy = new AppState(this.app);
    copy.otherApps = this.otherApps;
    for (const [key, model] of this.models) copy.models.set(key, { ...model, fields: new Map(model.fields), together: { ...model.together } });
    return copy;
  }

  model(name: string): ModelState | undefined {
    return this.models.get(name.toLowerCase());
  }

  field(model: string, name: string): FieldDef | undefined {
    return this.model(model)?.fields.get(name.toLowerCase());
  }

  /** The model's table: its db_table, or Django's default `<app_label>_<model name in lower case>`. */
  tableOf(model: string): string {
    return this.model(model)?.explicitTable ?? `${this.app}_${model.toLowerCase()}`;
  }

  /**
   * The column type of what a relation points at: the target model's primary key (or its `to_field`),
   * when the model is one of this app's. Undefined when it is not known here.
   */
  keyType(relation: FieldDef, depth = 0): string | undefined {
    if (!relation.to || depth > 4) return undefined;
    if (relation.toApp !== undefined && relation.toApp !== this.app.toLowerCase()) {
      return this.otherApps?.(relation.toApp)?.keyType({ ...relation, toApp: undefined }, depth + 1);
    }
    const fields = this.model(relation.to)?.fields;
    const toField = relation.kwargs.to_field?.startsWith('"') ? (JSON.parse(relation.kwargs.to_field) as string).toLowerCase() : undefined;
    const key = toField ? fields?.get(toField) : [...(fields?.values() ?? [])].find((f) => f.kwargs.primary_key === 'True');
    return key && columnType(key, (f) => this.keyType(f, depth + 1));
  }

  /** The model whose table is `table` (db_table, or Django's default name), when the state has one. */
  modelOfTable(table: string): ModelState | undefined {
    return [...this.models.values()].find((m) => this.tableOf(m.name) === table);
  }

  /** False only when the model is known to be unmanaged (or a proxy): Django then leaves its table alone. */
  isManaged(model: string): boolean {
    return this.model(model)?.managed ?? true;
  }

  apply(op: StateOp): void {
    switch (op.type) {
      case 'create-model':
        this.models.set(op.name.toLowerCase(), {
          name: op.name,
          explicitTable: op.table,
          managed: op.managed,
          proxy: op.proxy,
          together: op.together,
          fields: new Map(op.fields.map(([n, f]) => [n.toLowerCase(), f])),
        });
        return;
      case 'alter-together': {
        const model = this.model(op.name);
        if (model) model.together = { ...model.together, [op.option]: op.sets };
        return;
      }
      case 'delete-model':
        this.models.delete(op.name.toLowerCase());
        return;
      case 'rename-model': {
        const model = this.model(op.oldName);
        this.models.delete(op.oldName.toLowerCase());
        if (model) this.models.set(op.newName.toLowerCase(), { ...model, name: op.newName });
        return;
      }
      case 'alter-model-table': {
        const model = this.model(op.name);
        if (model) model.explicitTable = op.table;
        return;
      }
      case 'alter-model-options': {
        const model = this.model(op.name);
        if (model) model.managed = op.managed && !model.proxy;
        return;
      }
      case 'add-field':
      case 'alter-field':
        this.model(op.model)?.fields.set(op.name.toLowerCase(), op.field);
        return;
      case 'remove-field':
        this.model(op.model)?.fields.delete(op.name.toLowerCase());
        return;
      case 'rename-field': {
        const fields = this.model(op.model)?.fields;
        const field = fields?.get(op.oldName.toLowerCase());
        fields?.delete(op.oldName.toLowerCase());
        if (fields && field) fields.set(op.newName.toLowerCase(), field);
      }
    }
  }
}

/** The operation's own name (`migrations.AddField` -> AddField, an imported `AddIndexConcurrently`). */
export function operationName(call: PyNode): string | undefined {
  return calleeName(call);
}

/** How a Django operation changes the app's models; SeparateDatabaseAndState and RunSQL carry their own state_operations. */
export function readStateOps(call: PyNode, scope: Scope, name = operationName(call)): StateOp[] {
  const str = (index: number, kw: string) => nameValue(arg(call, index, kw), scope);
  switch (name) {
    case 'CreateModel': {
      const model = str(0, 'name');
      if (!model) return [];
      const options = dictEntries(keywordArg(call, 'options') ?? arg(call, 2, 'options'), scope);
      const proxy = options.get('proxy');
      const managed = !(isFalse(options.get('managed')) || isTrue(proxy));
      const together = { unique_together: fieldSets(options.get('unique_together'), scope), index_together: fieldSets(options.get('index_together'), scope) };
      return [{ type: 'create-model', name: model, fields: readFieldList(arg(call, 1, 'fields'), scope), table: nameValue(options.get('db_table'), scope), managed, proxy: isTrue(proxy), together }];
    }
    case 'AlterUniqueTogether':
    case 'AlterIndexTogether': {
      const model = str(0, 'name');
      const option = name === 'AlterUniqueTogether' ? 'unique_together' : 'index_together';
      return model ? [{ type: 'alter-together', name: model, option, sets: fieldSets(arg(call, 1, option), scope) }] : [];
    }
    case 'DeleteModel': {
      const model = str(0, 'name');
      return model ? [{ type: 'delete-model', name: model }] : [];
    }
    case 'RenameModel': {
      const [oldName, newName] = [str(0, 'old_name'), str(1, 'new_name')];
      return oldName && newName ? [{ type: 'rename-model', oldName, newName }] : [];
    }
    case 'AlterModelTable': {
      const model = str(0, 'name');
      return model ? [{ type: 'alter-model-table', name: model, table: str(1, 'table') }] : [];
    }
    case 'AlterModelOptions': {
      const model = str(0, 'name');
      const options = dictEntries(arg(call, 1, 'options'), scope);
      return model ? [{ type: 'alter-model-options', name: model, managed: !isFalse(options.get('managed')) }] : [];
    }
    case 'AddField':
    case 'AlterField': {
      const [model, field, def] = [str(0, 'model_name'), str(1, 'name'), readField(arg(call, 2, 'field'), scope)];
      return model && field && def ? [{ type: name === 'AddField' ? 'add-field' : 'alter-field', model, name: field, field: def }] : [];
    }
    case 'RemoveField': {
      const [model, field] = [str(0, 'model_name'), str(1, 'name')];
      return model && field ? [{ type: 'remove-field', model, name: field }] : [];
    }
    case 'RenameField': {
      const [model, oldName, newName] = [str(0, 'model_name'), str(1, 'old_name'), str(2, 'new_name')];
      return model && oldName && newName ? [{ type: 'rename-field', model, oldName, newName }] : [];
    }
    case 'SeparateDatabaseAndState':
      return operationCalls(arg(call, 1, 'state_operations')).flatMap((c) => readStateOps(c, scope));
    case 'RunSQL':
    case 'RunPython':
      return operationCalls(keywordArg(call, 'state_operations')).flatMap((c) => readStateOps(c, scope));
    default:
      return [];
  }
}

/** The calls of an `operations = [...]` list (or any list/tuple of operations). */
export function operationCalls(list: PyNode | undefined): PyNode[] {
  if (!list || (list.type !== 'list' && list.type !== 'tuple')) return [];
  return list.namedChildren.filter((n) => n.type === 'call');
}

function dictEntries(dict: PyNode | undefined, scope: Scope): Map<string, PyNode> {
  const entries = new Map<string, PyNode>();
  if (dict?.type !== 'dictionary') return entries;
  for (const pair of dict.namedChildren) {
    if (pair.type !== 'pair') continue;
    const key = nameValue(pair.childForFieldName('key') ?? undefined, scope);
    const value = pair.childForFieldName('value');
    if (key && value) entries.set(key, value);
  }
  return entries;
}

/** `{("a", "b"), ("c",)}`, `[["a", "b"]]` or Django's shorthand `("a", "b")` for a single set. */
function fieldSets(node: PyNode | undefined, scope: Scope): string[] {
  if (!node || !['set', 'list', 'tuple'].includes(node.type)) return [];
  const items = node.namedChildren.filter((c) => c.type !== 'comment');
  const nested = items.every((c) => ['set', 'list', 'tuple'].includes(c.type));
  const sets = nested ? items : [node];
  return sets.map((set) => set.namedChildren.map((c) => nameValue(c, scope) ?? '?').join(',')).sort();
}
