// Django model fields as migrations declare them, reduced to what reaches the database. AlterField
// repeats the whole field, so whether it changes the column is only known by comparing it with the
// field's previous declaration; only attributes that change the column count (a new `choices` or
// `blank` is Python-side validation, and the most common false alarm this comparison prevents).

import type { PyNode } from '../../python/node';
import { isWidening, readsInSessionZone, sameType } from '../../typeWidening';
import { arg, calleeName, keywordArg, stringValue, type Scope } from '../../python/values';

export interface FieldDef {
  cls: string;
  /** DB-relevant keyword arguments, normalised (`max_length` -> "100", `db_column` -> "\"x\""). */
  kwargs: Record<string, string>;
  /** The related model of a ForeignKey/OneToOneField/ManyToManyField, lower case. */
  to?: string;
  /** Its app label when the reference names one (`"auth.User"` -> auth), lower case. */
  toApp?: string;
  /** ArrayField's base_field. */
  base?: FieldDef;
}

const DB_ATTRIBUTES = ['max_length', 'max_digits', 'decimal_places', 'null', 'db_column', 'unique', 'db_index', 'primary_key', 'db_default', 'db_collation', 'db_constraint', 'default', 'blank', 'auto_now', 'auto_now_add', 'to_field'];
const RELATIONS = new Set(['ForeignKey', 'OneToOneField', 'ParentalKey']);
const MANY_TO_MANY = new Set(['ManyToManyField', 'ParentalManyToManyField', 'TaggableManager']);
// Subclasses from other packages keep the name of what they extend (AutoOneToOneField, TreeForeignKey, SortedManyToManyField).
export const isRelation = (cls: string) => RELATIONS.has(cls) || /(?:ForeignKey|OneToOneField)$/.test(cls);
const isOneToOne = (cls: string) => cls.endsWith('OneToOneField');

/** Reads `models.CharField(max_length=100, null=True)`; undefined when the node is not a call. */
export function readField(node: PyNode | undefined, scope: Scope): FieldDef | undefined {
  if (node?.type !== 'call') return undefined;
  const cls = calleeName(node) ?? 'Field';
  const field: FieldDef = { cls, kwargs: {} };
  for (const key of DB_ATTRIBUTES) {
    const value = keywordArg(node, key);
    if (value) field.kwargs[key] = normalised(value, scope);
  }
  if (isRelation(cls) || isManyToMany(field)) {
    const to = arg(node, 0, 'to');
    const value = to ? stringValue(to, scope) : undefined;
    // 'shop.Customer', 'Customer' and Customer all name the same model.
    const target = value && !value.dynamic ? value.value : to?.text ?? '?';
    field.to = target.slice(target.lastIndexOf('.') + 1).toLowerCase();
    const dot = value && !value.dynamic ? target.lastIndexOf('.') : -1;
    if (dot > 0) field.toApp = target.slice(0, dot).toLowerCase();
  }
  if (cls === 'ArrayField') field.base = readField(arg(node, 0, 'base_field'), scope);
  return field;
}

function normalised(node: PyNode, scope: Scope): string {
  if (node.type === 'string') {
    const value = stringValue(node, scope);
    if (value && !value.dynamic) return JSON.stringify(value.value);
  }
  return node.text.replace(/\s+/g, '');
}

export function isManyToMany(field: FieldDef): boolean {
  return MANY_TO_MANY.has(field.cls) || field.cls.endsWith('ManyToManyField');
}

export function isNullable(field: FieldDef): boolean {
  if (field.kwargs.primary_key === 'True') return false;
  return field.kwargs.null === 'True' || (field.cls === 'NullBooleanField' && field.kwargs.null !== 'False');
}

/** The column name: db_column, or the field name (`<name>_id` for a foreign key). */
export function columnOf(name: string, field: FieldDef | undefined): string {
  const dbColumn = field?.kwargs.db_column;
  if (dbColumn?.startsWith('"')) return JSON.parse(dbColumn) as string;
  return field && isRelation(field.cls) ? `${name}_id` : name;
}

const VARCHAR_DEFAULT_LENGTH: Record<string, number | undefined> = {
  CharField: undefined,
  EmailField: 254,
  SlugField: 50,
  URLField: 200,
  FileField: 100,
  ImageField: 100,
  FilePathField: 100,
  CommaSeparatedIntegerField: undefined,
};

// PostgreSQL column types of Django's built-in fields (django/db/backends/postgresql/base.py).
const COLUMN_TYPES: Record<string, string> = {
  TextField: 'text',
  IntegerField: 'integer',
  PositiveIntegerField: 'integer',
  AutoField: 'integer',
  SmallIntegerField: 'smallint',
  PositiveSmallIntegerField: 'smallint',
  SmallAutoField: 'smallint',
  BigIntegerField: 'bigint',
  PositiveBigIntegerField: 'bigint',
  BigAutoField: 'bigint',
  BooleanField: 'boolean',
  NullBooleanField: 'boolean',
  DateField: 'date',
  DateTimeField: 'timestamp with time zone',
  TimeField: 'time',
  DurationField: 'interval',
  FloatField: 'double precision',
  UUIDField: 'uuid',
  JSONField: 'jsonb',
  BinaryField: 'bytea',
  GenericIPAddressField: 'inet',
  IPAddressField: 'inet',
};

// How a relation whose target's key type is not known is described.
const REFERENCE = 'reference to ';

/** The column type of the primary key of a model the migrations know (a relation's column has that type). */
export type KeyTypes = (field: FieldDef) => string | undefined;

/**
 * The column type a field declares, e.g. `varchar(100)`; a relation has the type of the key it points
 * at, when `keys` knows it. Fields this tool does not know are described by class and attributes.
 */
export function columnType(field: FieldDef, keys?: KeyTypes): string {
  const collation = field.kwargs.db_collation ? ` collate ${field.kwargs.db_collation}` : '';
  if (field.cls in VARCHAR_DEFAULT_LENGTH) {
    const length = field.kwargs.max_length ?? VARCHAR_DEFAULT_LENGTH[field.cls];
    return `varchar${length !== undefined ? `(${length})` : ''}${collation}`;
  }
  if (field.cls === 'DecimalField') return `numeric(${field.kwargs.max_digits ?? '?'},${field.kwargs.decimal_places ?? '?'})`;
  if (field.cls === 'ArrayField') return `${field.base ? columnType(field.base) : 'unknown'}[]`;
  const key = isRelation(field.cls) ? keys?.(field) : undefined;
  if (key) return key;
  if (isRelation(field.cls) || isManyToMany(field)) return `${REFERENCE}${field.to ?? '?'}`;
  const known = COLUMN_TYPES[field.cls];
  if (known) return known + collation;
  // Third-party fields that take max_length (CountryField, PhoneNumberField) are CharFields underneath.
  if (field.kwargs.max_length !== undefined) return `varchar(${field.kwargs.max_length})${collation}`;
  const attributes = ['max_length', 'max_digits', 'decimal_places', 'db_collation'].filter((k) => field.kwargs[k] !== undefined).map((k) => `${k}=${field.kwargs[k]}`);
  return `${field.cls}(${attributes.join(', ')})`;
}

/** A field class whose column type is not known here, described as `ChoiceSetField(...)` by columnType. */
function isUnknownClass(type: string): boolean {
  return /^[A-Z]\w*\(/.test(type);
}

/** Django fills existing rows from a Python `default` (then drops it from the column) or keeps a `db_default`. */
export function hasDefault(field: FieldDef): boolean {
  const d = field.kwargs.default;
  return (d !== undefined && d !== 'None') || field.kwargs.db_default !== undefined;
}

// Django's fields whose empty_strings_allowed is True (django/db/models/fields): the rest (numbers,
// dates, booleans, UUIDs, JSON, IP addresses, relations, arrays) set it to False.
const EMPTY_STRINGS_ALLOWED = new Set([
  'CharField', 'TextField', 'EmailField', 'SlugField', 'URLField', 'FileField', 'ImageField', 'FilePathField',
  'CommaSeparatedIntegerField', 'BinaryField', 'CICharField', 'CIEmailField', 'CITextField',
]);

/**
 * What AddField fills existing rows with: Django's BaseDatabaseSchemaEditor._effective_default (3.2 to
 * 5.x). Besides a default, a NOT NULL field with blank=True that allows empty strings gets '' (b'' for
 * BinaryField), and auto_now / auto_now_add get the current time; add_field writes that as the column's
 * DEFAULT, so every existing row gets it, and then drops the DEFAULT again.
 */
export function fillsExistingRows(field: FieldDef): boolean {
  if (hasDefault(field)) return true;
  // default=None is a default: get_default() returns None and nothing fills the rows.
  if (field.kwargs.default !== undefined) return false;
  if (field.kwargs.auto_now === 'True' || field.kwargs.auto_now_add === 'True') return true;
  return !isNullable(field) && field.kwargs.blank === 'True' && allowsEmptyStrings(field);
}

/** Third-party fields that take max_length, or are named after one of Django's string fields, subclass one. */
function allowsEmptyStrings(field: FieldDef): boolean {
  if (EMPTY_STRINGS_ALLOWED.has(field.cls)) return true;
  return field.kwargs.max_length !== undefined || /(?:Char|Text|Slug|Email|URL)Field$/.test(field.cls);
}

function flag(field: FieldDef, key: string, implied = false): boolean {
  const value = field.kwargs[key];
  return value === undefined ? implied : value === 'True';
}

export function isUnique(field: FieldDef): boolean {
  return flag(field, 'unique', isOneToOne(field.cls)) || flag(field, 'primary_key');
}

export function isIndexed(field: FieldDef): boolean {
  return !isUnique(field) && flag(field, 'db_index', isRelation(field.cls) || field.cls === 'SlugField');
}

export interface ColumnChange {
  kind: 'alter-column' | 'rename-column' | 'add-constraint' | 'drop-constraint' | 'create-index' | 'drop-index';
  column: string;
  newName?: string;
  newType?: string;
  previousType?: string;
  /** A relation whose target's key type is not known here: whether the column type changes is not either. */
  previousUnknown?: boolean;
  unknownClass?: boolean;
  lossless?: boolean;
  nullable?: boolean;
  fillsNulls?: boolean;
  constraintType?: 'unique' | 'primary-key';
}

/** What an AlterField does to the column, given the field's previous declaration. Empty when nothing in the database changes. */
export function fieldChanges(name: string, previous: FieldDef, next: FieldDef, keys?: KeyTypes): ColumnChange[] {
  if (isManyToMany(previous) || isManyToMany(next)) return [];
  const changes: ColumnChange[] = [];
  const oldColumn = columnOf(name, previous);
  const column = columnOf(name, next);
  if (oldColumn !== column) changes.push({ kind: 'rename-column', column: oldColumn, newName: column });
  const alter: ColumnChange = { kind: 'alter-column', column };
  const [from, to] = [columnType(previous, keys), columnType(next, keys)];
  if (from !== to && !sameType(from, to)) {
    alter.newType = to;
    alter.previousType = from;
    if (from.startsWith(REFERENCE) || to.startsWith(REFERENCE)) alter.previousUnknown = true;
    if (isUnknownClass(from) || isUnknownClass(to)) alter.previousUnknown = alter.unknownClass = true;
    // date -> timestamptz: Django's connection reads and writes times in one time zone (UTC with USE_TZ),
    // so a date comes back as the same day at midnight.
    if (isWidening(from, to, 'postgres') || readsInSessionZone(from, to, 'postgres')) alter.lossless = true;
  }
  if (isNullable(previous) !== isNullable(next)) alter.nullable = isNullable(next);
  // Django's schema editor sets existing NULLs to the field's default before adding NOT NULL.
  if (alter.nullable === false && hasDefault(next)) alter.fillsNulls = true;
  if (alter.newType !== undefined || alter.nullable !== undefined) changes.push(alter);
  if (flag(previous, 'primary_key') !== flag(next, 'primary_key')) {
    changes.push({ kind: flag(next, 'primary_key') ? 'add-constraint' : 'drop-constraint', column, constraintType: 'primary-key' });
  } else if (isUnique(previous) !== isUnique(next)) {
    changes.push({ kind: isUnique(next) ? 'add-constraint' : 'drop-constraint', column, constraintType: 'unique' });
  }
  if (isIndexed(previous) !== isIndexed(next)) changes.push({ kind: isIndexed(next) ? 'create-index' : 'drop-index', column });
  return changes;
}

/** `fields=[("id", models.AutoField(...)), ...]` of a CreateModel. */
export function readFieldList(list: PyNode | undefined, scope: Scope): Array<[string, FieldDef]> {
  if (!list) return [];
  const out: Array<[string, FieldDef]> = [];
  for (const item of list.namedChildren) {
    if (item.type !== 'tuple') continue;
    const [nameNode, fieldNode] = item.namedChildren;
    const name = nameNode ? stringValue(nameNode, scope) : undefined;
    const field = readField(fieldNode, scope);
    if (name && !name.dynamic && field) out.push([name.value, field]);
  }
  return out;
}
