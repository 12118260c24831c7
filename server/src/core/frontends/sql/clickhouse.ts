// ClickHouse statements -> operation drafts. No parser we ship reads ClickHouse (ENGINE = MergeTree,
// ON CLUSTER, `ALTER TABLE t DELETE WHERE`, CODEC(...), Map(String, String)), so each statement is read by
// its head: the few words that say what it does to data. Every statement that can destroy data is
// recognised by those words (DROP TABLE/DATABASE, TRUNCATE, DELETE, the ALTER TABLE clauses DROP COLUMN,
// DELETE, UPDATE, CLEAR COLUMN, DROP/DETACH/MOVE/REPLACE PARTITION, MODIFY COLUMN, MODIFY TTL); the
// rest are named as harmless, and a statement that is neither is reported, once per file (sql/frontend.ts).
// The same reader finds the DROP, TRUNCATE, DELETE and UPDATE statements in SQL for databases no parser
// here reads (an Alembic branch for Oracle or SQL Server: alembic/dialect.ts).

import type { OpDetails } from '../../ops';
import type { OpDraft, StatementFacts, TableRef } from './pgStatements';

export interface ClickhouseFacts extends StatementFacts {
  /** Neither a statement that changes data nor one known to be harmless. */
  unread?: boolean;
}

interface Token {
  /** Upper-cased for words; the name itself (quotes removed) for quoted identifiers. */
  value: string;
  kind: 'word' | 'name' | 'string' | 'punct';
  depth: number;
}

// Statements that change no data (or only what a later, recognised statement reads: a view, a policy).
const HARMLESS_HEADS = new Set([
  'SELECT', 'WITH', 'SET', 'USE', 'SYSTEM', 'OPTIMIZE', 'GRANT', 'REVOKE', 'ATTACH', 'DETACH', 'CHECK', 'DESCRIBE', 'DESC',
  'SHOW', 'EXPLAIN', 'KILL', 'WATCH', 'EXCHANGE', 'UNDROP', 'BEGIN', 'COMMIT', 'ROLLBACK', 'COMMENT',
]);
// ALTER TABLE clauses that keep every row and every value.
const HARMLESS_CLAUSES = new Set(['ADD', 'MATERIALIZE', 'COMMENT', 'ATTACH', 'FREEZE', 'UNFREEZE', 'FETCH', 'RESET', 'REMOVE', 'APPLY']);
const HARMLESS_MODIFY = new Set(['SETTING', 'ORDER', 'SAMPLE', 'QUERY', 'COMMENT', 'STATISTICS', 'REFRESH', 'SQL']);
const HARMLESS_DROP = new Set(['PROJECTION', 'STATISTICS', 'STATISTIC']);
const HARMLESS_CLEAR = new Set(['INDEX', 'PROJECTION', 'STATISTICS']);
const ALTER_VERBS = new Set([...HARMLESS_CLAUSES, 'DROP', 'DETACH', 'MOVE', 'REPLACE', 'MODIFY', 'CLEAR', 'DELETE', 'UPDATE', 'RENAME']);
// What may follow a column's name in MODIFY COLUMN instead of a type.
const NOT_A_TYPE = new Set(['DEFAULT', 'MATERIALIZED', 'ALIAS', 'EPHEMERAL', 'CODEC', 'COMMENT', 'TTL', 'REMOVE', 'SETTINGS', 'MODIFY', 'RESET', 'FIRST', 'AFTER']);

export function describeClickhouseStatement(sql: string): ClickhouseFacts {
  const t = tokenize(sql);
  const facts: ClickhouseFacts = { ops: [], copiesFrom: [] };
  const head = t[0]?.kind === 'word' ? t[0].value : '';
  const reader = new Reader(t, 1);
  switch (head) {
    case 'CREATE':
    case 'REPLACE':
      return createFacts(reader, facts);
    case 'DROP':
      return dropFacts(reader, facts);
    case 'TRUNCATE': {
      reader.accept('TEMPORARY');
      if (reader.accept('ALL')) return { ...facts, ops: [{ kind: 'drop-database', details: {} }] };
      reader.accept('TABLE');
      const ifExists = reader.accept('IF', 'EXISTS');
      const table = reader.name();
      return table ? { ...facts, ops: [{ kind: 'truncate', ...table, details: { ifExists } }] } : { ...facts, unread: true };
    }
    case 'DELETE': {
      reader.accept('FROM');
      const table = reader.name();
      if (!table) return { ...facts, unread: true };
      return { ...facts, ops: [{ kind: 'delete-rows', ...table, details: { hasWhere: restricts(t, reader.find('WHERE')) } }] };
    }
    case 'UPDATE': {
      const table = reader.name();
      if (!table || reader.find('SET') < 0) return { ...facts, unread: true };
      return { ...facts, ops: [{ kind: 'update-rows', ...table, details: { hasWhere: restricts(t, reader.find('WHERE')) } }] };
    }
    case 'ALTER':
      if (!reader.accept('TABLE')) return facts; // users, roles, policies, quotas, databases
      return alterFacts(reader, facts);
    case 'RENAME':
      return renameFacts(reader, facts);
    case 'INSERT':
      return insertFacts(t, facts);
    default:
      return HARMLESS_HEADS.has(head) ? facts : { ...facts, unread: true };
  }
}

function createFacts(r: Reader, facts: ClickhouseFacts): ClickhouseFacts {
  r.accept('OR', 'REPLACE');
  r.accept('TEMPORARY');
  if (!r.accept('TABLE')) return facts;
  const ifExists = r.accept('IF', 'NOT', 'EXISTS');
  const table = r.name();
  if (!table) return facts;
  const details: OpDetails = { ifExists };
  // The engine decides whether the table holds rows of its own (a Null or Merge table holds none).
  const at = r.find('ENGINE');
  if (at >= 0) {
    const engine = new Reader(r.tokens, at + 1);
    engine.accept('=');
    const text = engine.typeText();
    if (text) details.engine = text;
  }
  return { ...facts, ops: [{ kind: 'create-table', ...table, details }] };
}

function dropFacts(r: Reader, facts: ClickhouseFacts): ClickhouseFacts {
  if (r.accept('TEMPORARY')) return facts; // a table of this session only
  const what = r.word();
  const ifExists = r.accept('IF', 'EXISTS');
  if (what === 'DATABASE') return { ...facts, ops: [{ kind: 'drop-database', details: { ifExists } }] };
  if (what !== 'TABLE') return facts; // views, dictionaries, users, roles, functions: no rows of their own
  const ops: OpDraft[] = [];
  do {
    const table = r.name();
    if (table) ops.push({ kind: 'drop-table', ...table, details: { ifExists } });
  } while (r.accept(','));
  return ops.length > 0 ? { ...facts, ops } : { ...facts, unread: true };
}

function renameFacts(r: Reader, facts: ClickhouseFacts): ClickhouseFacts {
  if (!r.accept('TABLE')) return facts;
  do {
    const from = r.name();
    if (!from || !r.accept('TO')) return { ...facts, unread: true };
    const to = r.name();
    facts.ops.push({ kind: 'rename-table', ...from, details: { newName: to ? qualifiedText(to) : '' } });
  } while (r.accept(','));
  return facts;
}

/** `INSERT INTO copy SELECT ... FROM t` keeps t's rows: a backup, for a later drop of t. */
function insertFacts(t: Token[], facts: ClickhouseFacts): ClickhouseFacts {
  const r = new Reader(t, 1);
  r.accept('INTO');
  r.accept('TABLE');
  const into = r.name();
  const from = r.find('FROM');
  const source = from >= 0 ? new Reader(t, from + 1).name() : undefined;
  if (source && source.table !== into?.table) facts.copiesFrom.push(source);
  return facts;
}

function alterFacts(r: Reader, facts: ClickhouseFacts): ClickhouseFacts {
  const table = r.name();
  if (!table) return { ...facts, unread: true };
  r.onCluster();
  for (const clause of r.clauses()) {
    const ops = clauseOps(clause, table);
    if (ops === undefined) facts.unread = true;
    else facts.ops.push(...ops);
  }
  return facts;
}

/** One clause of ALTER TABLE; undefined when it is not recognised. */
function clauseOps(c: Reader, table: TableRef): OpDraft[] | undefined {
  const on = (kind: OpDraft['kind'], details: OpDetails, column?: string): OpDraft[] => [{ kind, ...table, ...(column ? { column } : {}), details }];
  const verb = c.word();
  if (verb === undefined || HARMLESS_CLAUSES.has(verb)) return [];
  if (verb === 'DELETE') return on('delete-rows', { hasWhere: restricts(c.tokens, c.find('WHERE')) || c.has('IN', 'PARTITION') });
  if (verb === 'UPDATE') {
    const column = c.name()?.table;
    return on('update-rows', { hasWhere: restricts(c.tokens, c.find('WHERE')) || c.has('IN', 'PARTITION'), ...(column ? { columns: [{ name: column }] } : {}) });
  }
  if (verb === 'CLEAR') {
    const what = c.word();
    if (what === 'COLUMN') {
      c.accept('IF', 'EXISTS');
      const column = c.name()?.table;
      return on('update-rows', { hasWhere: c.has('IN', 'PARTITION'), ...(column ? { columns: [{ name: column }] } : {}) });
    }
    return what !== undefined && HARMLESS_CLEAR.has(what) ? [] : undefined;
  }
  if (verb === 'DROP' || verb === 'DETACH' || verb === 'MOVE' || verb === 'REPLACE') {
    const what = c.word();
    if (what === 'PARTITION' || what === 'PART') {
      const partition = c.rest();
      // DETACH keeps the rows on disk (detached/) and MOVE ... TO TABLE moves them to another table.
      const detached = verb === 'DETACH' || (verb === 'MOVE' && c.has('TO', 'TABLE'));
      if (verb === 'MOVE' && !detached) return []; // MOVE PARTITION ... TO DISK/VOLUME keeps the rows in the table
      return on('delete-rows', { hasWhere: true, partition, ...(detached ? { detached } : {}) });
    }
    if (verb !== 'DROP') return undefined;
    const ifExists = c.accept('IF', 'EXISTS');
    if (what === 'COLUMN') {
      const column = c.name()?.table;
      return column ? on('drop-column', { ifExists }, column) : undefined;
    }
    if (what === 'INDEX') return on('drop-index', { ifExists, indexName: c.name()?.table ?? '' });
    if (what === 'CONSTRAINT') return on('drop-constraint', { ifExists, constraintName: c.name()?.table ?? '', constraintType: 'check' });
    return what !== undefined && HARMLESS_DROP.has(what) ? [] : undefined;
  }
  if (verb === 'MODIFY') {
    const what = c.word();
    if (what === 'TTL') return on('delete-rows', { hasWhere: true, ttl: true });
    if (what !== 'COLUMN') return what !== undefined && HARMLESS_MODIFY.has(what) ? [] : undefined;
    c.accept('IF', 'EXISTS');
    const column = c.name()?.table;
    const type = c.typeText();
    if (!column) return undefined;
    return type ? on('alter-column', { newType: type, previousUnknown: true }, column) : [];
  }
  if (verb === 'RENAME' && c.accept('COLUMN')) {
    c.accept('IF', 'EXISTS');
    const column = c.name()?.table;
    if (!column || !c.accept('TO')) return undefined;
    return on('rename-column', { newName: c.name()?.table ?? '' }, column);
  }
  return undefined;
}

/** A WHERE that can leave rows out: present, and not a constant truth (`WHERE 1`, `WHERE true`, `WHERE 1 = 1`). */
function restricts(t: Token[], where: number): boolean {
  if (where < 0) return false;
  const rest = t.slice(where + 1).filter((x) => x.depth === t[where].depth).map((x) => x.value);
  const text = rest.join(' ');
  return !/^(?:1|TRUE|1 = 1)$/.test(text);
}

function qualifiedText(ref: TableRef): string {
  return ref.schema ? `${ref.schema}.${ref.table}` : ref.table;
}

class Reader {
  constructor(
    readonly tokens: Token[],
    private at: number,
  ) {}

  word(): string | undefined {
    const t = this.tokens[this.at];
    if (t?.kind !== 'word') return undefined;
    this.at++;
    return t.value;
  }

  /** Consumes the words when they come next, in order. */
  accept(...words: string[]): boolean {
    const match = words.every((w, i) => {
      const t = this.tokens[this.at + i];
      return t !== undefined && (t.kind === 'word' || t.kind === 'punct') && t.value === w;
    });
    if (match) this.at += words.length;
    return match;
  }

  /** Whether the words come one after the other anywhere ahead (at the clause's own depth). */
  has(...words: string[]): boolean {
    for (let i = this.at; i + words.length <= this.tokens.length; i++) if (words.every((w, j) => this.tokens[i + j].kind === 'word' && this.tokens[i + j].value === w)) return true;
    return false;
  }

  /** Index of the next word `word` at the depth of the statement, or -1. */
  find(word: string): number {
    const depth = this.tokens[0]?.depth ?? 0;
    for (let i = this.at; i < this.tokens.length; i++) if (this.tokens[i].kind === 'word' && this.tokens[i].value === word && this.tokens[i].depth === depth) return i;
    return -1;
  }

  /** `db.table` or `table`, bare or quoted; ON CLUSTER after it is skipped. */
  name(): TableRef | undefined {
    const first = this.part();
    if (first === undefined) return undefined;
    let ref: TableRef = { table: first };
    if (this.tokens[this.at]?.value === '.' && this.tokens[this.at]?.kind === 'punct') {
      this.at++;
      const second = this.part();
      if (second !== undefined) ref = { schema: first, table: second };
    }
    this.onCluster();
    return ref;
  }

  onCluster(): void {
    if (this.accept('ON', 'CLUSTER')) this.at++;
  }

  private part(): string | undefined {
    const t = this.tokens[this.at];
    if (t?.kind !== 'word' && t?.kind !== 'name') return undefined;
    this.at++;
    return t.kind === 'word' ? originalCase(t) : t.value;
  }

  /** A column type as written (`LowCardinality(String)`, `Nullable(DateTime64(9))`), or undefined for none. */
  typeText(): string | undefined {
    const t = this.tokens[this.at];
    if (t?.kind !== 'word' || NOT_A_TYPE.has(t.value)) return undefined;
    const parts = [originalCase(t)];
    let i = this.at + 1;
    // The parenthesised arguments, up to the `)` back at the type's own depth.
    if (this.tokens[i]?.value === '(' && this.tokens[i].depth === t.depth) {
      for (; i < this.tokens.length; i++) {
        const part = this.tokens[i];
        parts.push(part.kind === 'word' ? originalCase(part) : part.kind === 'string' ? `'${part.value}'` : part.value);
        if (part.value === ')' && part.kind === 'punct' && part.depth === t.depth) break;
      }
      i++;
    }
    this.at = i;
    return parts.join('').replace(/,/g, ', ');
  }

  /** The remaining tokens as text (a partition expression). */
  rest(): string {
    return this.tokens.slice(this.at).map((t) => (t.kind === 'word' ? originalCase(t) : t.kind === 'string' ? `'${t.value}'` : t.value)).join(' ').replace(/ ?([(),]) ?/g, '$1');
  }

  /**
   * The comma-separated clauses from here on. Commas inside parentheses do not separate, nor do those of
   * a list within a clause (`MODIFY SETTING a = 0, b = 0`): a clause starts with a verb.
   */
  clauses(): Reader[] {
    const depth = this.tokens[this.at]?.depth ?? 0;
    const out: Reader[] = [];
    let start = this.at;
    for (let i = this.at; i <= this.tokens.length; i++) {
      const t = this.tokens[i];
      const next = this.tokens[i + 1];
      const separates = t?.kind === 'punct' && t.value === ',' && t.depth === depth && next?.kind === 'word' && ALTER_VERBS.has(next.value);
      if (t === undefined || separates) {
        if (i > start) out.push(new Reader(this.tokens.slice(start, i), 0));
        start = i + 1;
      }
    }
    return out;
  }
}

// The original spelling of a word, for names and types; `value` holds it upper-cased for matching.
const ORIGINAL = new WeakMap<Token, string>();

function originalCase(t: Token): string {
  return ORIGINAL.get(t) ?? t.value;
}

const WORD = /[A-Za-z_][\w$]*|\d[\w.]*/y;

/** Words, quoted names, strings and punctuation, comments skipped; `depth` counts the parentheses around each token. */
function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let depth = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
    } else if ((c === '-' && sql[i + 1] === '-') || c === '#') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      const end = closingQuote(sql, i);
      const value = sql.slice(i + 1, end).replace(/\\(.)/g, '$1');
      out.push({ value, kind: c === "'" ? 'string' : 'name', depth });
      i = end + 1;
    } else {
      WORD.lastIndex = i;
      const word = WORD.exec(sql);
      if (word) {
        const token: Token = { value: word[0].toUpperCase(), kind: 'word', depth };
        ORIGINAL.set(token, word[0]);
        out.push(token);
        i += word[0].length;
        continue;
      }
      if (c === ')') depth = Math.max(0, depth - 1);
      if (c !== ';') out.push({ value: c, kind: 'punct', depth });
      if (c === '(') depth++;
      i++;
    }
  }
  return out;
}

/** The offset of the quote closing the one at `open` (a backslash or a doubled quote escapes it). */
function closingQuote(sql: string, open: number): number {
  const quote = sql[open];
  for (let i = open + 1; i < sql.length; i++) {
    if (sql[i] === '\\') i++;
    else if (sql[i] === quote) {
      if (sql[i + 1] !== quote) return i;
      i++;
    }
  }
  return sql.length;
}
