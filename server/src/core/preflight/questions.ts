// The questions a file's forward operations ask of today's data, built once per analysed file. Each is
// a query and the words for its answer; the answers come from PreflightFacts (the CLI or the language
// server runs the queries between two analysis passes, as it does for the exact row counts).

import { quoteIdent } from '../db/catalog';
import { findTable, type SchemaSnapshot, type TableInfo } from '../db/schemaSource';
import { isDownPhase, type FrontendResult, type Operation } from '../ops';
import type { LineIndex } from '../text';
import { castTest } from './casts';
import { printExpression, type Printed } from './expr';
import { duplicateGroups, orphans, rowsWhere, samplePercent, type QueryOptions } from './queries';
import { parseCondition, shapeOf, type KeyPart, type Shape } from './shape';
import { touchedKey, typeUsersQuestion } from './typeUsers';
import { keepsFiles, lockQuestion, type LockQuestion } from './locks';
import { createdEnum, noteCreatedEnum, type CreatedEnums } from './enums';

export interface Question {
  op: Operation;
  /** The query to run; undefined when the operation is not checked (see `why`). */
  query?: string;
  why?: string;
  /** "7 rows of projects.owner_email are NULL" for a count n (as text), or the all-clear sentence for 0. */
  describe(n: string | 0): string;
  /** The column(s) of the table's primary key, naming the examples. */
  keyName?: string;
  /** NOT VALID: offending rows stay in the table instead of failing the migration. */
  notValid?: boolean;
  /**
   * The table is too large to read in full: the query read this percentage of its pages, so a count is
   * a lower bound for the rows found and an estimate for the whole table, and none found proves nothing.
   * Duplicate groups are never sampled (a sample would miss nearly every pair).
   */
  samplePercent?: number;
  /** The rows counted are rows the operation deletes, overwrites or loses, not rows that make it fail. */
  changes?: 'delete' | 'overwrite' | 'lose';
  /** The operation fails whatever the count (a type a column still uses); the count is the evidence. */
  failsAnyway?: true;
  /** The operation rewrites or scans the whole table, or builds an index on it, under a lock: its size. */
  lock?: LockQuestion;
  /** An UPDATE or DELETE on the same table runs earlier in the same phase and may fix the data first. */
  fixedBy?: { what: string; line: number };
}

export interface QuestionContext {
  text: string;
  index: LineIndex;
  result: FrontendResult;
  db: SchemaSnapshot;
  options: QueryOptions & { serverVersionNum?: number };
}

const cache = new WeakMap<FrontendResult, Question[]>();

export function questionsFor(ctx: QuestionContext): Question[] {
  let questions = cache.get(ctx.result);
  if (!questions) {
    questions = build(ctx);
    cache.set(ctx.result, questions);
  }
  return questions;
}

const tableKey = (op: Operation, table: string) => `${op.phase}\u0000${(op.schema ?? '').toLowerCase()}\u0000${table.toLowerCase()}`;

function build(ctx: QuestionContext): Question[] {
  // One pass to index what could change a table's data or make it new, so each question looks up in O(1).
  const created = new Map<string, number>();
  const fixers = new Map<string, Operation>();
  const nth = new Map<string, number>();
  const questions: Question[] = [];
  const touched = new Set<string>();
  const enums: CreatedEnums = new Map();
  for (const op of ctx.result.ops) {
    if (isDownPhase(op.phase)) continue;
    noteCreatedEnum(op, enums);
    if (op.kind === 'drop-type') {
      const q = typeUsersQuestion(op, ctx.db, touched, ctx.options);
      if (q) questions.push(q);
      continue;
    }
    if (!op.table) continue;
    const column = op.kind === 'drop-table' ? '' : op.kind === 'alter-column' || op.kind === 'drop-column' ? op.column : undefined;
    if (column !== undefined) touched.add(touchedKey(op, op.schema ?? ctx.db.defaultSchema, op.table, column));
    const key = tableKey(op, op.table);
    if (op.kind === 'create-table' && !op.details.ifExists && !created.has(key)) created.set(key, op.range.start);
    // The nearest one before each operation: ops come in file order.
    const fixer = fixers.get(key);
    if (op.kind === 'update-rows' || op.kind === 'delete-rows') fixers.set(key, op);
    const slot = `${op.range.start}:${op.kind}:${op.details.constraintType ?? ''}`;
    const n = nth.get(slot) ?? 0;
    nth.set(slot, n + 1);
    if ((created.get(key) ?? Infinity) < op.range.start) continue;
    const table = findTable(ctx.db, { schema: op.schema, name: op.table });
    if (!table) continue;
    const shape = shapeOf(op, ctx.text, n);
    const lock = lockQuestion(op, table, tableName(table, ctx.db));
    const q = (shape && ask(shape, op, table, ctx, enums)) ?? (lock ? { op, describe: () => '' } : undefined);
    if (!q) continue;
    if (lock) q.lock = lock;
    if (fixer && fixer.range.start < op.range.start) q.fixedBy = { what: fixer.kind === 'delete-rows' ? 'DELETE' : 'UPDATE', line: ctx.index.position(fixer.range.start).line + 1 };
    if (table.primaryKey.length > 0) q.keyName = table.primaryKey.join(', ');
    questions.push(q);
  }
  return questions;
}

const tableName = (t: TableInfo, db: SchemaSnapshot) => (t.schema === db.defaultSchema ? t.name : `${t.schema}.${t.name}`);

const plural = (n: string | 0, one: string, many: string) => (n === '1' ? one : many);

function ask(shape: Shape, op: Operation, t: TableInfo, ctx: QuestionContext, enums: CreatedEnums): Question | undefined {
  const o = ctx.options;
  const columns = new Set(t.columns.map((c) => c.name));
  const name = tableName(t, ctx.db);
  const sample = samplePercent(t);
  const sampled = sample === undefined ? {} : { samplePercent: sample };
  switch (shape.kind) {
    case 'none':
      return { op, why: shape.why, describe: () => '' };
    case 'not-null': {
      const col = t.columns.find((c) => c.name === shape.column);
      if (!col || !col.nullable) return undefined;
      const subject = `${name}.${col.name}`;
      return {
        op,
        ...sampled,
        query: rowsWhere(t, `${quoteIdent(col.name)} IS NULL`, o, sample),
        describe: (n) => (n === 0 ? `no row of ${subject} is NULL` : `${n} ${plural(n, 'row', 'rows')} of ${subject} ${plural(n, 'is', 'are')} NULL`),
      };
    }
    case 'unique': {
      const keys = shape.keys.map((k) => keyPart(k, columns));
      const refused = keys.find((k) => k.why !== undefined);
      if (refused) return refused.why === NEW_COLUMN ? undefined : { op, why: refused.why!, describe: () => '' };
      const where = shape.where !== undefined || shape.whereText !== undefined ? condition(shape.where, shape.whereText, columns) : undefined;
      if (where?.why !== undefined) return { op, why: where.why, describe: () => '' };
      const sqlKeys = keys.map((k) => k.sql!);
      const label = `(${keys.map((k) => k.label).join(', ')})`;
      return {
        op,
        query: duplicateGroups(t, sqlKeys, where?.sql, o),
        describe: (n) => (n === 0 ? `no two rows of ${name} share ${label}` : `${n} ${plural(n, 'group', 'groups')} of rows in ${name} share ${label}`),
      };
    }
    case 'foreign-key': {
      const parent = findTable(ctx.db, { schema: shape.ref.schema, name: shape.ref.table });
      if (!parent) return { op, why: `${shape.ref.table} is not in the database yet`, describe: () => '' };
      if (!shape.columns.every((c) => columns.has(c)) || shape.columns.length !== shape.ref.columns.length) return undefined;
      const target = `${parent.name}.${shape.ref.columns.join(', ')}`;
      const subject = `${name}.${shape.columns.join(', ')}`;
      return {
        op,
        notValid: shape.notValid,
        ...sampled,
        query: orphans(t, shape.columns, parent, shape.ref.columns, o, sample),
        describe: (n) => (n === 0 ? `every ${subject} matches a ${target}` : `${n} ${plural(n, 'row', 'rows')} of ${name} ${plural(n, 'has', 'have')} a ${shape.columns.join(', ')} with no matching ${target}`),
      };
    }
    case 'check': {
      const printed = condition(shape.tree, shape.text, columns);
      const check = op.details.constraintName ? `CHECK ${op.details.constraintName}` : 'the CHECK';
      if (printed.why !== undefined) return { op, why: printed.why, describe: () => '' };
      return {
        op,
        notValid: shape.notValid,
        // A CHECK passes on NULL: only a condition that is false breaks it.
        ...sampled,
        query: rowsWhere(t, `(${printed.sql}) IS FALSE`, o, sample),
        describe: (n) => (n === 0 ? `every row of ${name} passes ${check}` : `${n} ${plural(n, 'row', 'rows')} of ${name} ${plural(n, 'fails', 'fail')} ${check}`),
      };
    }
    case 'rows': {
      const printed = condition(shape.where, shape.whereText, columns);
      if (printed.why !== undefined) return { op, why: printed.why, describe: () => '' };
      const set = shape.action === 'update' ? (op.details.columns ?? []).map((c) => c.name) : [];
      const what = set.length > 0 ? `${set.join(', ')} in ` : '';
      return {
        op,
        changes: shape.action === 'delete' ? 'delete' : 'overwrite',
        // Only rows where the condition is true are touched; NULL is not true.
        ...sampled,
        query: rowsWhere(t, `(${printed.sql}) IS TRUE`, o, sample),
        describe: (n) => (n === 0 ? `the ${shape.action.toUpperCase()} matches no row of ${name}` : `${what}${n} ${plural(n, 'row', 'rows')} of ${name}`),
      };
    }
    case 'type': {
      const col = t.columns.find((c) => c.name === shape.column);
      // A longer varchar, text, unconstrained numeric: every value fits.
      if (!col || keepsFiles(col.type, shape.newType)) return undefined;
      const labels = createdEnum(shape.newType, enums);
      if (labels) return enumQuestion(op, t, col.name, shape.newType, labels, `${name}.${col.name}`, o, sample);
      const test = castTest(col.name, col.type, shape.newType, o.serverVersionNum);
      if ('why' in test) return { op, why: test.why, describe: () => '' };
      const subject = `${name}.${col.name}`;
      return {
        op,
        // NULL fits every type; each test is written for a value that is there.
        ...sampled,
        query: rowsWhere(t, `${quoteIdent(col.name)} IS NOT NULL AND (${test.condition})`, o, sample),
        describe: (n) => {
          if (n === 0) return `every value of ${subject} fits ${shape.newType}`;
          const verb = test.verb === 'be' ? plural(n, 'is', 'are') : plural(n, 'has', 'have');
          return `${n} ${plural(n, 'value', 'values')} of ${subject} ${verb} ${test.what}`;
        },
      };
    }
  }
}

const NEW_COLUMN = 'a column this migration adds';

function keyPart(k: KeyPart, columns: ReadonlySet<string>): { sql?: string; label?: string; why?: string } {
  if ('column' in k) return columns.has(k.column) ? { sql: quoteIdent(k.column), label: k.column } : { why: NEW_COLUMN };
  const printed = printExpression(k.tree, columns);
  return printed.why !== undefined ? { why: printed.why } : { sql: printed.sql, label: printed.sql.replace(/pg_catalog\./g, '').replace(/"/g, '') };
}

/** A condition given as a parse tree (SQL) or as text (Alembic), printed for the query or refused. */
function condition(tree: unknown, text: string | undefined, columns: ReadonlySet<string>): Printed {
  const parsed = tree !== undefined ? { tree } : parseCondition(text ?? '');
  return 'tree' in parsed ? printExpression(parsed.tree, columns) : { why: parsed.why };
}

/** A type change to an enum the file created: the values that are none of its labels fail the cast. */
function enumQuestion(op: Operation, t: TableInfo, column: string, type: string, labels: string[], subject: string, o: QueryOptions, sample: number | undefined): Question {
  const c = quoteIdent(column);
  // An enum without labels holds no value at all.
  const outside = labels.length > 0 ? ` AND ${c}::text NOT IN (${labels.map(literal).join(', ')})` : '';
  return {
    op,
    ...(sample === undefined ? {} : { samplePercent: sample }),
    query: rowsWhere(t, `${c} IS NOT NULL${outside}`, o, sample),
    describe: (n) => (n === 0 ? `every value of ${subject} is a label of the new ${type}` : `${n} ${plural(n, 'value', 'values')} of ${subject} ${plural(n, 'is', 'are')} no label of the new ${type}`),
  };
}

/** A string constant that reads the same whatever standard_conforming_strings says (as expr.ts prints them). */
function literal(v: string): string {
  return v.includes('\\') ? `E'${v.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : `'${v.replace(/'/g, "''")}'`;
}
