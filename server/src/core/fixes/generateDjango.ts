// "Generate model" in a Django project: a models.Model subclass written from the live table's columns,
// added to the app's models.py (or, where the app keeps a models/ package, a new module imported from
// its __init__.py), so that the project states it still uses the table and a drop of it is a
// drop-mapped-table error.
//
// managed: a generated model must never make the next `makemigrations` touch the table by surprise.
// - When the project's migrations created the table (the caller found it in the app's migration state as
//   model X), Django already owns it: the class takes X's name and field names and stays managed (the
//   default, so no `managed` line, which would itself be an AlterModelOptions). Unmanaged, Django would
//   stop applying the model's later changes to the table, and a renamed class or field would be a
//   DeleteModel / RemoveField: exactly the drop the reviewer is trying to avoid.
// - Otherwise (a table from raw SQL, another service, or before Django): `managed = False`, as inspectdb
//   writes it. A managed model would make makemigrations emit a CreateModel that fails on the existing
//   table; unmanaged, Django never creates, alters or drops it until someone decides it should.

import * as path from 'node:path';
import type { ColumnInfo, TableInfo } from '../db/schemaSource';
import type { TextEdit } from '../findings';
import type { ModelIndex, ModelInfo } from '../models/types';
import type { GeneratedModel, ReadProjectFile } from './generateModel';
import { className, djangoAttribute, identifier, pyString, uniqueClassName } from './pyNames';

export interface DjangoTarget {
  /** The migration the request came from (relative to the project root): its app receives the model. */
  near?: string;
  /** The model the app's migration state has for the table, when the project's migrations created it. */
  stateModel?: { name: string; app: string; fields: Array<{ name: string; column: string }> };
}

interface Field {
  attr: string;
  expr: string;
  comment?: string;
  /** A serial or identity key named id: the primary key Django adds by itself. */
  implicitId?: boolean;
}

const MODELS_IMPORT = /^from[ \t]+django\.db[ \t]+import[ \t][^\n]*\bmodels\b/m;
const TOP_LEVEL_IMPORT = /^(?:from[ \t]+[\w.]+[ \t]+import[ \t]*(?:\([^)]*\)|[^\n]*)|import[ \t][^\n]*)/gm;

export function generateDjangoModel(table: TableInfo, index: ModelIndex, read: ReadProjectFile, defaultSchema: string, target: DjangoTarget): GeneratedModel | { error: string } {
  const appDir = appDirOf(target.near) ?? busiestAppDir(index.models);
  if (appDir === undefined) return { error: 'No Django app was found to hold the model: open a migration of the app the table belongs to.' };
  const label = target.stateModel?.app ?? (path.posix.basename(appDir) || 'app');
  const owned = target.stateModel;
  const name = owned?.name ?? uniqueClassName(className(table.name), index.models.filter((m) => path.posix.dirname(m.file) === appDir || m.file.startsWith(`${appDir}/models/`)));
  const classText = modelClass(table, name, label, index, appDir, defaultSchema, owned);
  const modelsPy = path.posix.join(appDir, 'models.py');
  const existing = read(modelsPy);
  if (existing !== undefined) {
    return {
      title: `Add model ${name} for ${table.name} to ${modelsPy}`,
      name,
      shown: modelsPy,
      importEdit: { path: modelsPy, edits: appendEdits(existing, classText) },
    };
  }
  const packageInit = path.posix.join(appDir, 'models', '__init__.py');
  const initText = read(packageInit);
  if (initText === undefined) {
    return { title: `Generate model ${name} for ${table.name} in ${modelsPy}`, name, shown: modelsPy, newFile: { path: modelsPy, text: `${imports(classText).join('\n')}\n\n\n${classText}` } };
  }
  let stem = identifier(table.name);
  if (read(path.posix.join(appDir, 'models', `${stem}.py`)) !== undefined) stem = `${stem}_model`;
  const newPath = path.posix.join(appDir, 'models', `${stem}.py`);
  return {
    title: `Generate model ${name} for ${table.name} in ${newPath} and import it in ${packageInit}`,
    name,
    shown: newPath,
    newFile: { path: newPath, text: `${imports(classText).join('\n')}\n\n\n${classText}` },
    importEdit: { path: packageInit, edits: appendImport(initText, `from .${stem} import ${name}`) },
  };
}

/** `shop/migrations/0004_x.py` -> `shop`. */
function appDirOf(near: string | undefined): string | undefined {
  const parts = near?.split('/') ?? [];
  const at = parts.lastIndexOf('migrations');
  return at > 0 ? parts.slice(0, at).join('/') : undefined;
}

/** Without a migration to go by: the app that holds the most models. */
function busiestAppDir(models: ModelInfo[]): string | undefined {
  const counts = new Map<string, number>();
  for (const m of models) {
    const dir = path.posix.dirname(m.file);
    const app = path.posix.basename(dir) === 'models' ? path.posix.dirname(dir) : dir;
    counts.set(app, (counts.get(app) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function modelClass(table: TableInfo, name: string, label: string, index: ModelIndex, appDir: string, defaultSchema: string, owned: DjangoTarget['stateModel']): string {
  const pk = table.primaryKey;
  const stateNames = new Map(owned?.fields.map((f) => [f.column, f.name]));
  const fields = table.columns.map((c) => ({ column: c.name, ...field(c, table, index, appDir, defaultSchema, stateNames) }));
  const attrOf = new Map(fields.map((f) => [f.column, f.attr]));
  const dbTable = table.schema === defaultSchema ? table.name : `${table.schema}"."${table.name}`;
  const meta = [
    ...(owned ? [] : ['        managed = False']),
    ...(dbTable === `${label}_${name.toLowerCase()}` ? [] : [`        db_table = ${pyString(dbTable)}`]),
    ...(pk.length > 1 && !owned ? [`        unique_together = ((${pk.map((c) => pyString(attrOf.get(c) ?? c)).join(', ')}),)`] : []),
  ];
  const why = owned
    ? `# The app's migrations created ${table.name} as ${owned.name}: managed, as they left it, so makemigrations has nothing to drop or recreate.`
    : `# No migration of this app creates ${table.name}: managed = False keeps Django from creating, altering or dropping it (as inspectdb does).`;
  const lines = [
    `# ${table.name}: written by Migration Guard from the live table's columns, so the project says it still uses the table.`,
    why,
    `class ${name}(models.Model):`,
    // The implicit `id` Django adds to every model is the one the app's migrations created: written out, it
    // would differ from their state (auto_created, verbose_name) and make an AlterField.
    ...fields.filter((f) => !(owned && f.implicitId)).map((f) => `    ${f.attr} = ${f.expr}${f.comment ? `  # ${f.comment}` : ''}`),
    ...(table.schema === defaultSchema ? [] : [`    # Django has no schemas: the quoted db_table names ${table.schema}.${table.name} on PostgreSQL.`]),
    ...(meta.length > 0 ? ['', '    class Meta:', ...meta] : []),
  ];
  return `${lines.join('\n')}\n`;
}

function field(c: ColumnInfo, table: TableInfo, index: ModelIndex, appDir: string, defaultSchema: string, stateNames: Map<string, string>): Field {
  const pk = table.primaryKey;
  const isKey = pk[0] === c.name;
  const generated = isKey && pk.length === 1 && (c.identity === true || /^nextval\(/.test(c.default ?? ''));
  const fk = table.foreignKeys.find((f) => f.columns.length === 1 && f.columns[0] === c.name);
  const target = fk && index.models.find((m) => m.kind === 'django' && !m.name.includes('.') && m.table === fk.refTable && (m.schema ?? defaultSchema) === fk.refSchema);
  const nullable = c.nullable ? ['blank=True', 'null=True'] : [];
  const keyNote = isKey && pk.length > 1 ? `the primary key is (${pk.join(', ')}); Django needs one column, so the first stands for it` : undefined;
  if (fk && target) {
    const plain = /_id$/.test(c.name) ? c.name.slice(0, -3) : c.name;
    const attr = stateNames.get(c.name) ?? djangoAttribute(plain);
    const ref = path.posix.dirname(target.file) === appDir || target.file.startsWith(`${appDir}/models/`) ? target.name : `${appLabelOf(target.file)}.${target.name}`;
    const column = attr + '_id' === c.name ? [] : [`db_column=${pyString(c.name)}`];
    const toField = fk.refColumns[0] && fk.refColumns[0] !== 'id' ? [`to_field=${pyString(fk.refColumns[0])}`] : [];
    // The database enforces the constraint; DO_NOTHING leaves deletes to it, as inspectdb does.
    const kind = isKey ? 'OneToOneField' : 'ForeignKey';
    return { attr, expr: `models.${kind}(${[pyString(ref), 'models.DO_NOTHING', ...toField, ...column, ...(isKey ? ['primary_key=True'] : []), ...nullable].join(', ')})`, ...(keyNote ? { comment: keyNote } : {}) };
  }
  const attr = stateNames.get(c.name) ?? djangoAttribute(c.name);
  const column = attr === c.name ? [] : [`db_column=${pyString(c.name)}`];
  const type = djangoType(c.type, generated);
  const args = [...type.args, ...column, ...(isKey ? ['primary_key=True'] : []), ...nullable];
  const notes = [type.note, keyNote, fk ? `references ${fk.refTable}.${fk.refColumns[0]}, which no model of the project maps` : undefined].filter(Boolean);
  return { attr, expr: `${type.cls}(${args.join(', ')})`, ...(notes.length > 0 ? { comment: notes.join('; ') } : {}), ...(generated && attr === 'id' ? { implicitId: true } : {}) };
}

/** The Django field class for a PostgreSQL column type (as catalog.ts reads it). */
export function djangoType(pgType: string, generated = false): { cls: string; args: string[]; note?: string } {
  const t = pgType.trim();
  if (t.endsWith('[]')) {
    const item = djangoType(t.slice(0, -2));
    return { cls: 'ArrayField', args: [`${item.cls}(${item.args.join(', ')})`], ...(item.note ? { note: item.note } : {}) };
  }
  const sized = /^(?:character varying|varchar|character|char|bpchar)\((\d+)\)$/.exec(t);
  if (sized) return { cls: 'models.CharField', args: [`max_length=${sized[1]}`] };
  const numeric = /^numeric\((\d+),\s*(\d+)\)$/.exec(t);
  if (numeric) return { cls: 'models.DecimalField', args: [`max_digits=${numeric[1]}`, `decimal_places=${numeric[2]}`] };
  if (t === 'integer') return { cls: generated ? 'models.AutoField' : 'models.IntegerField', args: [] };
  if (t === 'bigint') return { cls: generated ? 'models.BigAutoField' : 'models.BigIntegerField', args: [] };
  if (t === 'smallint') return { cls: generated ? 'models.SmallAutoField' : 'models.SmallIntegerField', args: [] };
  const simple = SIMPLE[t] ?? (/^timestamp\b/.test(t) ? 'DateTimeField' : /^time\b/.test(t) ? 'TimeField' : undefined);
  if (simple) return { cls: `models.${simple}`, args: [] };
  if (t === 'numeric') return { cls: 'models.DecimalField', args: ['max_digits=65535', 'decimal_places=65535'], note: 'numeric without precision: max_digits and decimal_places are guesses' };
  return { cls: 'models.TextField', args: [], note: `${t}: no Django field known here; set it by hand` };
}

const SIMPLE: Record<string, string> = {
  text: 'TextField',
  'character varying': 'TextField',
  boolean: 'BooleanField',
  'double precision': 'FloatField',
  real: 'FloatField',
  date: 'DateField',
  interval: 'DurationField',
  bytea: 'BinaryField',
  uuid: 'UUIDField',
  json: 'JSONField',
  jsonb: 'JSONField',
  inet: 'GenericIPAddressField',
};

/** The app label Django gives the app holding `file` (its folder's name). */
function appLabelOf(file: string): string {
  const dir = path.posix.dirname(file);
  return path.posix.basename(path.posix.basename(dir) === 'models' ? path.posix.dirname(dir) : dir);
}

/** The imports the class needs, of those `text` (the module it goes into) does not have yet. */
function imports(classText: string, text = ''): string[] {
  const needs = MODELS_IMPORT.test(text) ? [] : ['from django.db import models'];
  if (classText.includes('ArrayField(') && !/\bimport[^\n]*\bArrayField\b/.test(text)) needs.unshift('from django.contrib.postgres.fields import ArrayField');
  return needs;
}

/** The class at the end of models.py, with the imports it needs added after the module's own. */
function appendEdits(text: string, classText: string): TextEdit[] {
  const needs = imports(classText, text);
  if (text.trim() === '') return [{ range: { start: 0, end: text.length }, newText: `${needs.join('\n')}\n\n\n${classText}` }];
  const edits = needs.length > 0 ? appendImport(text, needs.join('\n')) : [];
  const end = text.length;
  const gap = text.endsWith('\n\n\n') ? '' : text.endsWith('\n\n') ? '\n' : text.endsWith('\n') ? '\n\n' : '\n\n\n';
  return [...edits, { range: { start: end, end }, newText: `${gap}${classText}` }];
}

/** After the last top-level import (at the top when there is none). */
function appendImport(text: string, line: string): TextEdit[] {
  let at = 0;
  for (const m of text.matchAll(TOP_LEVEL_IMPORT)) at = m.index + m[0].length;
  return [at === 0 ? { range: { start: 0, end: 0 }, newText: `${line}\n` } : { range: { start: at, end: at }, newText: `\n${line}` }];
}
