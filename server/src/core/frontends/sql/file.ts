// A whole .sql migration file: the up/down sections goose, dbmate and file naming define, each analysed
// as its own run of statements by the SQL frontend.

import type { FrontendResult, Operation, Phase, PhaseInfo, Problem, Range } from '../../ops';
import type { SqlDialect } from '../../options';
import { analyseSql, newScope, UNPARSED } from './frontend';
import { copyTables, foldOps, type History } from './schema';

export interface SqlFileOptions {
  dialect?: SqlDialect;
  /** No project setting chose the dialect: a statement only MySQL reads is read as MySQL. */
  dialectGuessed?: boolean;
  /** The operations of earlier migrations, for MySQL/SQLite changes judged against a table's previous columns. */
  history?: History;
}

/** A whole .sql migration: up/down sections (goose, dbmate, file naming), each analysed on its own. */
export function sqlFileFrontend(original: string, path: string, options: SqlFileOptions = {}): FrontendResult {
  const ops: Operation[] = [];
  const problems: Problem[] = [];
  const phases: PhaseInfo[] = [];
  const templates: string[] = [];
  const text = fillTemplates(original.replace(PLACEHOLDER, (_, name: string) => `__${name}_`), templates);
  for (const section of readSections(text, path)) {
    // A down section runs against the schema the up section left behind.
    const earlier: History = options.history ?? (() => []);
    const history = section.phase === 'down' ? afterUp(earlier, ops) : earlier;
    const scope = newScope({ ...options, history, phase: section.phase, origin: 'sql-file', inTransaction: section.inTransaction, ops, problems });
    let statements = 0;
    for (const seg of section.segments) {
      const shift = (r: Range): Range => ({ start: seg.start + r.start, end: seg.start + r.end });
      statements += analyseSql(text.slice(seg.start, seg.end), scope, shift);
    }
    if (section.range) phases.push({ phase: section.phase, range: section.range, empty: statements === 0, raises: false });
  }
  if (text !== original) for (const op of ops) restorePlaceholders(op, templates);
  return { framework: 'sql', ops, problems: COCKROACH_FILE.test(path) ? cockroachProblems(problems) : problems, suppressions: [], autogenBlocks: [], phases };
}

// ory's `x.cockroach.up.sql` beside `x.postgres.up.sql`: CockroachDB speaks PostgreSQL's dialect, read
// here, plus syntax of its own (`DROP INDEX t@i`, INVERTED INDEX, STORING) that the parser rejects.
// popx marks a migration that must run outside a transaction `.autocommit.`.
const COCKROACH_FILE = /[._-]cockroach(?:db)?(?:[._-]autocommit)?(?:[._-](?:up|down))?\.sql$/i;

/** `could not parse this SQL statement (syntax error at or near "@"); it was not checked` -> the parenthesis. */
function reasonOf(message: string): string {
  const inner = message.slice(UNPARSED.length).replace('; it was not checked', '').trim();
  return inner.startsWith('(') && inner.endsWith(')') ? inner.slice(1, -1) : inner;
}

/** In a CockroachDB file, the statements PostgreSQL's parser rejects are one info, not an error each. */
function cockroachProblems(problems: Problem[]): Problem[] {
  const unparsed = problems.filter((p) => p.message.startsWith(UNPARSED));
  if (unparsed.length === 0) return problems;
  const first = unparsed[0];
  const count = unparsed.length === 1 ? 'a statement' : `${unparsed.length} statements`;
  const message = `${count} of this CockroachDB migration ${unparsed.length === 1 ? 'uses' : 'use'} CockroachDB's own syntax, which PostgreSQL's parser (used here) does not read, so ${unparsed.length === 1 ? 'it was' : 'they were'} not checked (${reasonOf(first.message)}).`;
  return [...problems.filter((p) => !p.message.startsWith(UNPARSED)), { message: message[0].toUpperCase() + message.slice(1), range: first.range, severity: 'info' }];
}

/** What a down section runs against: the earlier migrations, then this file's up section. */
function afterUp(earlier: History, ops: Operation[]): History {
  const up = () => ops.filter((o) => o.phase === 'up');
  const tables = earlier.tables;
  return Object.assign(() => [...earlier(), ...up()], tables ? { tables: () => foldOps(up(), copyTables(tables())) } : {});
}

// Flyway (and goose with ENVSUB) fill in `${name}` placeholders before running a file. Each is read as
// an identifier of the same length, so offsets still hold, and written back in the operations' names.
const PLACEHOLDER = /\$\{(\w+)\}/g;
const FILLED = /\b__(\w+?)_\b/g;

// Go templates (gobuffalo/pop, as in supabase/auth) fill in `{{ index .Options "Namespace" }}`: each is
// read as an identifier of the same length (`__tmpl0_____...`) and written back in the operations' names.
const TEMPLATE = /\{\{[^{}\r\n]*\}\}/g;
const TEMPLATE_FILLED = /\b__tmpl(\d+)_*/g;

function fillTemplates(text: string, templates: string[]): string {
  if (!text.includes('{{')) return text;
  return text.replace(TEMPLATE, (found) => {
    const filled = `__tmpl${templates.length}_`;
    if (filled.length > found.length) return found;
    templates.push(found);
    return filled.padEnd(found.length, '_');
  });
}

function restorePlaceholders(op: Operation, templates: string[]): void {
  const restore = (name: string | undefined) =>
    name?.replace(TEMPLATE_FILLED, (found, i: string) => templates[Number(i)] ?? found).replace(FILLED, (_, n: string) => `\${${n}}`);
  op.schema = restore(op.schema);
  op.table = restore(op.table);
  op.column = restore(op.column);
  for (const key of ['newName', 'indexName', 'constraintName', 'typeName', 'sql'] as const) op.details[key] = restore(op.details[key]);
  for (const key of Object.keys(op) as Array<keyof Operation>) if (op[key] === undefined) delete op[key];
  for (const key of Object.keys(op.details) as Array<keyof Operation['details']>) if (op.details[key] === undefined) delete op.details[key];
}

export interface Section {
  phase: Phase;
  inTransaction: boolean;
  /** Absent for text before a file's first up/down marker, which is not a section of its own. */
  range?: Range;
  /** Split separately so an unterminated quote cannot run past a marker into the next section. */
  segments: Range[];
}

interface Marker {
  start: number;
  end: number;
  opens?: { phase: Phase; inTransaction: boolean };
}

export function readSections(text: string, path: string): Section[] {
  const markers = findMarkers(text);
  const hasSections = markers.some((m) => m.opens);
  let current: Section = { phase: phaseFromPath(path), inTransaction: false, segments: [] };
  if (!hasSections) current.range = { start: 0, end: trimEnd(text, text.length) };
  const sections = [current];
  let segmentStart = 0;
  for (const marker of markers) {
    current.segments.push({ start: segmentStart, end: marker.start });
    segmentStart = marker.end;
    if (!marker.opens) continue;
    if (current.range) current.range.end = Math.max(current.range.start, trimEnd(text, marker.start));
    current = { ...marker.opens, range: { start: marker.start, end: trimEnd(text, text.length) }, segments: [] };
    sections.push(current);
  }
  current.segments.push({ start: segmentStart, end: text.length });
  return sections;
}

// goose: `-- +goose Up|Down|StatementBegin|StatementEnd|NO TRANSACTION`; dbmate: `-- migrate:up [transaction:false]`.
// Both tools match these line by line, whatever surrounds them, and so does this.
const MARKER = /^[ \t]*--[ \t]*(?:\+goose[ \t]+([^\r\n]*)|migrate:(up|down)\b([^\r\n]*))/gim;

function findMarkers(text: string): Marker[] {
  const found = [...text.matchAll(MARKER)];
  const gooseInTransaction = !found.some((m) => m[1] !== undefined && /^no\s+transaction\b/i.test(m[1].trim()));
  return found.map((m) => {
    const marker: Marker = { start: m.index, end: m.index + m[0].length };
    if (m[1] !== undefined) {
      const directive = m[1].trim().toLowerCase();
      if (directive === 'up' || directive === 'down') marker.opens = { phase: directive, inTransaction: gooseInTransaction };
    } else {
      const phase = m[2].toLowerCase() === 'down' ? 'down' : 'up';
      marker.opens = { phase, inTransaction: !/\btransaction:false\b/i.test(m[3]) };
    }
    return marker;
  });
}

/**
 * `*.down.sql` (golang-migrate, sqlx), `down.sql` (diesel), Flyway undo files `U<version>__*.sql`, Sqitch's
 * `revert/*.sql` and Hasura's `<from>_to_<to>.sql` when it goes to a lower version (`2_to_1.sql`).
 */
function phaseFromPath(path: string): Phase {
  const parts = path.split(/[\\/]/);
  const base = parts.pop() ?? '';
  if (parts.pop()?.toLowerCase() === 'revert' && /\.sql$/i.test(base)) return 'down';
  return /(?:^|\.)down\.sql$/i.test(base) || /^U\d[\w.]*__/.test(base) || downgradesVersion(base) ? 'down' : 'up';
}

const VERSION_STEP = /^(\d+)_to_(\d+)\.sql$/i;

/** Hasura names each migration for the versions it goes between: `1_to_2.sql` up, `2_to_1.sql` down. */
export function downgradesVersion(base: string): boolean {
  const step = VERSION_STEP.exec(base);
  return step !== null && Number(step[2]) < Number(step[1]);
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}
