// The review checklist of one migration, computed from its analysis, the project facts and what the
// reviewer ticked. Pure: the language server feeds it to the sidebar, and the ledger records its state
// at sign-off. Items the tool can verify are never left to a person: they are checked or unchecked by
// the findings themselves.

import { findTable, bestRowCount } from '../db/schemaSource';
import { formatRows } from '../enrich';
import { modelsForTable, type ProjectFacts } from '../facts';
import { maxSeverity, type Finding, type Severity } from '../findings';
import { rulesOf } from '../merge';
import { isDownPhase, type Range } from '../ops';
import { lockSentence } from '../preflight/attach';
import type { PreflightResult } from '../preflight/types';
import type { FileReport } from '../report';
import { rehearsalFor } from '../rehearsal/describe';
import { RULES } from '../rules';
import type { RecordedItem, SignOff } from './ledger';
import type { TableChange } from './touched';

export type ChecklistItemId = 'data-loss-handled' | 'destructive-acknowledged' | 'live-schema' | 'tested' | 'stakeholder';

/** auto-checked / unchecked: the tool decided from the findings or the database; manual: a person ticks it. */
export type ItemState = 'auto-checked' | 'unchecked' | 'manual';

export interface ChecklistItem {
  id: ChecklistItemId;
  label: string;
  state: ItemState;
  /** Manual items: whether the reviewer ticked it. */
  checked?: boolean;
  /** Why the item is in its state, in a sentence. */
  detail: string;
  note?: string;
  name?: string;
}

/** What the reviewer entered for the manual items. */
export interface ManualAnswers {
  liveSchema?: boolean;
  tested?: { checked: boolean; note?: string };
  stakeholder?: { checked: boolean; name?: string };
}

/** A data-loss operation, with every finding raised on it. */
export interface DestructiveOp {
  range: Range;
  /** 1-based. */
  line: number;
  rules: string[];
  table?: string;
  message: string;
  /** The highest severity of its findings, for the sidebar's icon. */
  severity: Severity;
  rows?: number;
  /** Every finding on it carries an allow comment with a reason. */
  acknowledged: boolean;
  reason?: string;
  guard?: Finding['guard'];
  /** What preflight read from today's rows about it (the verdict in words). */
  live?: string;
}

/** One operation preflight asked the live data about, for the sidebar's "Live data" lines. */
export interface LiveDataLine {
  range: Range;
  /** 1-based. */
  line: number;
  verdict: PreflightResult['verdict'];
  text: string;
  acknowledged: boolean;
}

export interface TableLine {
  name: string;
  schema?: string;
  change: TableChange;
  /** `412 rows`, `about 1.2 million rows`, `empty`; undefined when the database does not have it or gives no figure. */
  rows?: string;
  /** What is wrong with it against the live schema, in a phrase; undefined when nothing is. */
  problem?: string;
}

/** Findings about data a migration destroys: the data-loss rules and the autogenerate drops. */
export const DATA_LOSS_RULES: ReadonlySet<string> = new Set([...RULES.filter((r) => r.category === 'data-loss').map((r) => r.id), 'drop-unmapped-table', 'model-not-on-metadata']);

/** DROP, DELETE, TRUNCATE and type changes: each needs an allow comment with a reason, guard or not. */
const STATEMENT_RULES: ReadonlySet<string> = new Set(['drop-table', 'drop-column', 'drop-schema', 'drop-type-or-enum-value', 'truncate', 'delete-rows', 'alter-column-type']);

/** A finding on such a statement: a drop-unmapped-table finding stands for the drop-table merged into it. */
function isStatement(f: Finding): boolean {
  return rulesOf(f).some((r) => STATEMENT_RULES.has(r));
}

/** Findings that run when the migration is applied (not on rollback). */
function forward(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !(f.phase && isDownPhase(f.phase)));
}

/** Whether the migration destroys data when applied, and so needs a sign-off (`check --require-review`). */
export function needsReview(report: FileReport): boolean {
  return forward(report.findings).some((f) => rulesOf(f).some((r) => DATA_LOSS_RULES.has(r)));
}

export function destructiveOps(report: FileReport, lineOf: (offset: number) => number): DestructiveOp[] {
  const byStart = new Map<number, Finding[]>();
  for (const f of forward(report.findings)) {
    if (rulesOf(f).some((r) => DATA_LOSS_RULES.has(r))) byStart.set(f.range.start, [...(byStart.get(f.range.start) ?? []), f]);
  }
  return [...byStart.values()].map((fs) => {
    const first = fs.find(isStatement) ?? fs[0];
    const op: DestructiveOp = {
      range: first.range,
      line: lineOf(first.range.start),
      rules: [...new Set(fs.flatMap(rulesOf))].sort(),
      message: first.message,
      severity: fs.map((f) => f.severity).reduce(maxSeverity),
      acknowledged: fs.every((f) => f.acknowledged),
    };
    const table = fs.find((f) => f.table)?.table;
    if (table) op.table = table;
    const rows = fs.find((f) => f.rows !== undefined)?.rows;
    if (rows !== undefined) op.rows = rows;
    const reason = fs.find((f) => f.acknowledged)?.acknowledged?.reason;
    if (reason) op.reason = reason;
    const guard = fs.find((f) => f.guard)?.guard;
    if (guard) op.guard = guard;
    const live = fs.find((f) => f.preflight)?.preflight;
    if (live) op.live = liveText(live);
    return op;
  });
}

function liveText(p: PreflightResult): string {
  return `${p.summary}${lockSentence(p)}`;
}

/** Verdicts that need nothing from the reviewer: today's rows pass, or the migration's own earlier step fixes them. */
const CLEAN_VERDICTS: ReadonlySet<PreflightResult['verdict']> = new Set(['safe', 'locks', 'before-fix']);

/** Each forward operation preflight answered for, in file order, with its verdict. */
export function liveDataLines(report: FileReport, lineOf: (offset: number) => number): LiveDataLine[] {
  const byStart = new Map<number, LiveDataLine>();
  for (const f of forward(report.findings)) {
    if (!f.preflight) continue;
    const known = byStart.get(f.range.start);
    if (known) {
      known.acknowledged &&= !!f.acknowledged;
      continue;
    }
    byStart.set(f.range.start, { range: f.range, line: lineOf(f.range.start), verdict: f.preflight.verdict, text: liveText(f.preflight), acknowledged: !!f.acknowledged });
  }
  return [...byStart.values()].sort((a, b) => a.range.start - b.range.start);
}

export interface ChecklistInput {
  report: FileReport;
  facts?: ProjectFacts;
  lineOf: (offset: number) => number;
  manual?: ManualAnswers;
}

export function buildChecklist({ report, facts, lineOf, manual = {} }: ChecklistInput): ChecklistItem[] {
  const found = forward(report.findings);
  const dataLoss = found.filter((f) => rulesOf(f).some((r) => DATA_LOSS_RULES.has(r)));
  const open = dataLoss.filter((f) => !f.acknowledged && !f.guard);
  const statements = found.filter(isStatement);
  const unacknowledged = statements.filter((f) => !f.acknowledged);
  const lines = (fs: Finding[]) => [...new Set(fs.map((f) => lineOf(f.range.start)))].join(', ');
  const tested = manual.tested;
  const stakeholder = manual.stakeholder;
  const stakeholderName = stakeholder?.name?.trim();
  const items: ChecklistItem[] = [
    {
      id: 'data-loss-handled',
      label: 'Every data-loss operation is guarded or acknowledged with a reason',
      ...auto(open.length === 0),
      detail: dataLoss.length === 0 ? 'This migration destroys no data.' : open.length === 0 ? `All ${count(dataLoss.length, 'finding')} are guarded or acknowledged.` : `Not guarded or acknowledged: line ${lines(open)}.`,
    },
    {
      id: 'destructive-acknowledged',
      label: 'No DROP, DELETE, TRUNCATE or type change remains unacknowledged',
      ...auto(unacknowledged.length === 0),
      detail: statements.length === 0 ? 'No DROP, DELETE, TRUNCATE or type change.' : unacknowledged.length === 0 ? 'Each one has an allow comment with a reason.' : `Without an allow comment: line ${lines(unacknowledged)}.`,
    },
    liveSchemaItem(tableLines(report, facts), facts, manual.liveSchema === true, found.filter((f) => !f.acknowledged), { report, lineOf }),
    testedItem(report.path, facts, tested),
    {
      id: 'stakeholder',
      label: 'A stakeholder confirmed the data loss',
      state: 'manual',
      checked: stakeholder?.checked === true && !!stakeholderName,
      detail: stakeholderName ? `Confirmed by ${stakeholderName}.` : 'Name the person who agreed that this data may go.',
      ...(stakeholderName ? { name: stakeholderName } : {}),
    },
  ];
  return items;
}

/**
 * "Tested on a local or staging database": ticked by the tool when a rehearsal of this migration ran up (and
 * down, when it has one) to the end, with what ran where as the note the ledger records; otherwise the
 * reviewer ticks it, with a note.
 */
function testedItem(path: string, facts: ProjectFacts | undefined, tested: ManualAnswers['tested']): ChecklistItem {
  const label = 'Tested on a local or staging database';
  const r = rehearsalFor(facts?.rehearsals, path);
  const failed = r?.statements.find((s) => s.outcome === 'failed');
  if (r && r.path === path && !failed && (r.roundTrip?.completed ?? true)) {
    const sides = r.roundTrip ? 'up and down' : 'up';
    const note = `Rehearsed (${sides}) by Migration Guard on ${r.ranOn}, starting from ${r.startedFrom}, ${r.at}.`;
    return { id: 'tested', label, state: 'auto-checked', detail: note, note };
  }
  const untested = failed ? `The rehearsal failed at line ${failed.line} (see rehearsal-failed): fix it and rehearse again, or run the migration on a copy of the data.` : 'Run the migration on a copy of the data first.';
  return {
    id: 'tested',
    label,
    state: 'manual',
    checked: tested?.checked === true,
    detail: tested?.checked ? 'Ticked by the reviewer.' : untested,
    ...(tested?.note?.trim() ? { note: tested.note.trim() } : {}),
  };
}

function auto(ok: boolean): Pick<ChecklistItem, 'state'> {
  return { state: ok ? 'auto-checked' : 'unchecked' };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Findings that say the models and the schema disagree about a dropped table, with how to say so. */
const PARITY_RULES: ReadonlyArray<[string, string]> = [
  ['drop-mapped-table', 'a model still maps'],
  ['model-not-on-metadata', 'env.py cannot see the model of'],
  ['drop-unmapped-table', 'no model maps'],
];

/** One line naming the dropped tables whose models disagree with the schema; undefined when none do. */
function parityProblems(open: Finding[], tables: TableLine[]): string | undefined {
  const rowsOf = new Map(tables.map((t) => [t.name, t.rows]));
  const parts = PARITY_RULES.flatMap(([rule, words]) => {
    const names = [...new Set(open.filter((f) => f.table && rulesOf(f).includes(rule)).map((f) => f.table as string))];
    if (names.length === 0) return [];
    return [`${words} ${names.map((n) => (rowsOf.get(n) ? `${n} (${rowsOf.get(n)})` : n)).join(', ')}`];
  });
  return parts.length === 0 ? undefined : `Not clean: ${parts.join('; ')}.`;
}

/**
 * Ticked only on good news: an unacknowledged drop that models and schema disagree about leaves it
 * unticked, and so does a preflight verdict that is not clean (will fail, will delete, unknown, not
 * checked) until its finding is acknowledged, or preflight answers that have not arrived yet.
 */
function liveSchemaItem(tables: TableLine[], facts: ProjectFacts | undefined, ticked: boolean, open: Finding[], data: { report: FileReport; lineOf: (offset: number) => number }): ChecklistItem {
  const label = 'Verified against the live schema and live data: parity is clean for the tables this migration touches, and every preflight check is clean or acknowledged';
  const parity = parityProblems(open, tables);
  if (parity) return { id: 'live-schema', label, state: 'unchecked', detail: parity };
  if (facts?.preflight && data.report.preflightQueries?.length) return { id: 'live-schema', label, state: 'unchecked', detail: 'Reading the live data...' };
  const live = liveDataLines(data.report, data.lineOf);
  const unclean = live.filter((l) => !l.acknowledged && !CLEAN_VERDICTS.has(l.verdict));
  if (unclean.length > 0) return { id: 'live-schema', label, state: 'unchecked', detail: `Live data: ${unclean.map((l) => `line ${l.line} ${l.text}`).join('; ')}. Fix the data or the migration, or acknowledge it.` };
  if (!facts?.db) {
    return { id: 'live-schema', label, state: 'manual', checked: ticked, detail: 'No database is configured, so check the tables by hand (or configure one to have this checked).' };
  }
  const problems = tables.filter((t) => t.problem);
  if (tables.length === 0) return { id: 'live-schema', label, state: 'auto-checked', detail: 'This migration names no table.' };
  return {
    id: 'live-schema',
    label,
    ...auto(problems.length === 0),
    detail: problems.length === 0 ? `Checked against ${facts.db.source}${liveSummary(live, !!facts.preflight)}.` : problems.map((t) => `${qualifiedName(t)}: ${t.problem}`).join('; ') + '.',
  };
}

/** What the live data said, after "Checked against <source>". */
function liveSummary(live: LiveDataLine[], asked: boolean): string {
  if (!asked) return ' (its schema only: a snapshot or a database without rows to ask)';
  if (live.length === 0) return '; no operation depends on the live data';
  const acknowledged = live.filter((l) => !CLEAN_VERDICTS.has(l.verdict)).length;
  return `; live data: ${live.length} ${live.length === 1 ? 'operation' : 'operations'} checked${acknowledged > 0 ? `, ${acknowledged} acknowledged` : ''}`;
}

function qualifiedName(t: { name: string; schema?: string }): string {
  return t.schema ? `${t.schema}.${t.name}` : t.name;
}

/** Each table the migration touches, with its rows and what is wrong with it against the database and models. */
export function tableLines(report: FileReport, facts: ProjectFacts | undefined): TableLine[] {
  return (report.tables ?? []).map((t) => {
    const line: TableLine = { ...t };
    const db = facts?.db;
    if (!db) return line;
    const info = findTable(db, { schema: t.schema, name: t.name });
    const rows = info && bestRowCount(info);
    if (rows) line.rows = formatRows(rows);
    const models = facts.models ? modelsForTable(facts.models, t.name, t.schema ?? info?.schema, db.defaultSchema).filter((m) => m.reachable) : undefined;
    const problem = tableProblem(t.change, info !== undefined, models?.map((m) => m.name));
    if (problem) line.problem = problem;
    return line;
  });
}

/** models: the models that map the table, when the model index is known. */
function tableProblem(change: TableChange, exists: boolean, models: string[] | undefined): string | undefined {
  switch (change) {
    case 'create':
      return exists ? 'already exists in the database' : undefined;
    case 'drop':
      if (!exists) return 'not in the database, so there is nothing to drop';
      return models && models.length > 0 ? `model ${models.join(', ')} still maps it and would be left without a table` : undefined;
    case 'alter':
      if (!exists) return 'not in the database';
      return models && models.length === 0 ? 'no model maps it, so autogenerate would drop it' : undefined;
  }
}

/** Sign-off needs the data-loss items checked; the rest is recorded as it stands. */
export function signOffBlockers(items: readonly ChecklistItem[]): string[] {
  return items.filter((i) => (i.id === 'data-loss-handled' || i.id === 'destructive-acknowledged') && i.state !== 'auto-checked').map((i) => i.label);
}

/** The checklist as the ledger records it. */
export function recordChecklist(items: readonly ChecklistItem[]): RecordedItem[] {
  return items.map((i) => {
    const rec: RecordedItem = {
      id: i.id,
      state: i.state === 'manual' ? (i.checked ? 'checked' : 'unchecked') : i.state === 'auto-checked' ? 'checked' : 'unchecked',
      by: i.state === 'manual' ? 'person' : 'tool',
    };
    if (i.note) rec.note = i.note;
    if (i.name) rec.name = i.name;
    return rec;
  });
}

/** The reviewer's answers as a sign-off recorded them, to show them again. */
export function answersFrom(signoff: SignOff | undefined): ManualAnswers {
  const item = (id: string) => signoff?.checklist.find((i) => i.id === id && i.by === 'person');
  const tested = item('tested');
  const stakeholder = item('stakeholder');
  const live = item('live-schema');
  const answers: ManualAnswers = {};
  if (live) answers.liveSchema = live.state === 'checked';
  if (tested) answers.tested = { checked: tested.state === 'checked', ...(tested.note ? { note: tested.note } : {}) };
  if (stakeholder) answers.stakeholder = { checked: stakeholder.state === 'checked', ...(stakeholder.name ? { name: stakeholder.name } : {}) };
  return answers;
}
