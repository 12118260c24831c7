// Python names and literals for generated models (SQLAlchemy, SQLModel, Django): identifiers that are
// valid and free, and class names read from table names.

const PY_KEYWORDS = new Set('False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '));
// Attribute names declarative classes reserve.
const RESERVED = new Set(['metadata', 'registry', 'query', '__table__', '__tablename__', '__mapper__']);
// Django's: the default manager and the primary key's alias.
const DJANGO_RESERVED = new Set(['objects', 'pk']);

/** A Python string literal (JSON's escapes are valid Python). */
export function pyString(s: string): string {
  return JSON.stringify(s);
}

export function identifier(name: string): string {
  const id = name.replace(/\W+/g, '_').replace(/^(\d)/, '_$1') || 'table';
  return PY_KEYWORDS.has(id) ? `${id}_` : id;
}

/** The attribute for a column: its own name when that is a free identifier, else col_<name>. */
export function attribute(column: string): string {
  const id = identifier(column);
  return RESERVED.has(id) || id !== column ? `col_${id.replace(/^_+/, '')}` : id;
}

/**
 * A Django field name for a column, as inspectdb makes it: Django refuses names that end with an
 * underscore or hold a double one (fields.E001, E002), so a keyword becomes `class_field`, not `class_`.
 */
export function djangoAttribute(column: string): string {
  let id = column.replace(/\W+/g, '_').replace(/_{2,}/g, '_').replace(/_+$/, '');
  if (/^\d/.test(id)) id = `number_${id}`;
  if (id === '') id = 'field';
  return PY_KEYWORDS.has(id) || DJANGO_RESERVED.has(id) ? `${id}_field` : id;
}

/** project_keywords -> ProjectKeyword: CamelCase, with a plain English plural made singular. */
export function className(table: string): string {
  const words = table.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const last = words.length - 1;
  if (last >= 0) words[last] = singular(words[last]);
  const name = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return /^\d/.test(name) || name === '' ? `Table${name}` : name;
}

function singular(word: string): string {
  if (/ies$/i.test(word) && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ss|us|is)$/i.test(word)) return word;
  if (/(?:sh|ch|x|z)es$/i.test(word)) return word.slice(0, -2);
  if (/s$/i.test(word) && word.length > 3) return word.slice(0, -1);
  return word;
}

/** The class name, with a Model suffix when a model of the project already has it. */
export function uniqueClassName(name: string, taken: ReadonlyArray<{ name: string }>): string {
  return taken.some((m) => m.name === name) ? `${name}Model` : name;
}
