import { markApplied } from './applied/state';
import { detectFramework, detectNamedFramework } from './detect';
import { SEVERITY_ORDER, type Finding, type Severity } from './findings';
import { byteSize } from './fileRead';
import { fixesFor } from './fixes';
import { alembicFrontend, alembicWithHistory } from './frontends/alembic';
import { djangoFrontend } from './frontends/django';
import { sqlFileWithHistory } from './frontends/sql';
import { isDownPhase, type Framework, type FrontendResult, type Operation, type Range, type Suppression } from './ops';
import { DEFAULT_OPTIONS, withDefaults, type AnalysisOptions } from './options';
import { NestingTooDeep } from './parse/nesting';
import { initPgParser } from './parse/pg';
import { initPythonParser } from './parse/python';
import { dialectFromProject, dialectOfContent, directoryOf, siblingsOf } from './project';
import { withRowCounts } from './enrich';
import { pendingQueries, withPreflight } from './preflight/attach';
import { measuredLocks, rehearsalFor } from './rehearsal/describe';
import type { FileReport } from './report';
import { touchedTables } from './review/touched';
import { RULES } from './rules';
import type { Rule, RuleContext, RuleHit } from './rules/types';
import { findSuppressions } from './suppressions';
import { mergeSameOperation } from './merge';
import { LineIndex } from './text';

/**
 * Loads both wasm parsers, as the language server does before its first request. The CLI loads each only
 * when a file needs it (cli/parallel.ts); until then analysis reports what it lacked (parse/notReady.ts).
 */
export async function initAnalyzer(): Promise<void> {
  await Promise.all([initPythonParser(), initPgParser()]);
}

const BINARY_SNIFF_BYTES = 8192;

interface Decoded {
  text: string;
  problem?: string;
}

// Decoders keep no state between whole-input decode() calls, so one of each serves every file.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const LENIENT_UTF8 = new TextDecoder('utf-8');

/** Bytes to text. Bad input becomes a parse-error finding and never an exception. */
export function decode(bytes: Uint8Array, options: AnalysisOptions): Decoded {
  if (bytes.length > options.maxFileBytes) {
    // Readers stop one byte past the limit (fileRead.ts), so the file's own size is not known here.
    return { text: '', problem: `This file is larger than the ${byteSize(options.maxFileBytes)} limit (maxFileBytes), so it was not checked.` };
  }
  const utf16 = utf16Decoder(bytes);
  if (utf16) return decodeUtf16(bytes, utf16);
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    return { text: '', problem: 'This file contains NUL bytes: it looks binary, so it was not checked.' };
  }
  try {
    return { text: stripBom(STRICT_UTF8.decode(bytes)) };
  } catch {
    return {
      text: stripBom(LENIENT_UTF8.decode(bytes)),
      problem: 'This file is not valid UTF-8; undecodable bytes were read as U+FFFD, so names next to them may be wrong.',
    };
  }
}

// Windows tools (PowerShell's Out-File, SSMS's "Unicode") save SQL as UTF-16 with a byte order mark.
// Decoded, its text is the same text, and offsets count UTF-16 code units as they always do.
const UTF16 = { le: new TextDecoder('utf-16le', { fatal: true }), be: new TextDecoder('utf-16be', { fatal: true }) };
type Utf16Decoder = typeof UTF16.le;

function utf16Decoder(bytes: Uint8Array): Utf16Decoder | undefined {
  if (bytes.length < 2) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return UTF16.le;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return UTF16.be;
  return undefined;
}

function decodeUtf16(bytes: Uint8Array, decoder: Utf16Decoder): Decoded {
  try {
    return { text: stripBom(decoder.decode(bytes)) };
  } catch {
    return { text: '', problem: 'This file starts with a UTF-16 byte order mark but is not valid UTF-16, so it was not checked.' };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function runFrontend(framework: Framework, path: string, text: string, options: AnalysisOptions): FrontendResult {
  switch (framework) {
    case 'alembic': {
      const earlier = (t: string) => alembicFrontend(t, options.dialect).ops;
      return alembicWithHistory(path, text, options, earlier, (history) => alembicFrontend(text, options.dialect, history, !!options.dialectGuessed));
    }
    case 'sql':
      return sqlFileWithHistory(text, path, options);
    case 'django':
      return djangoFrontend(text, path, options);
  }
}

/** Options with the dialect filled in from the project's configuration when the caller did not choose one. */
function resolveOptions(path: string, partial: Partial<AnalysisOptions> | undefined): AnalysisOptions {
  const options = withDefaults(partial);
  if (partial?.dialect !== undefined) return options;
  const dialect = dialectFromProject(directoryOf(path, options), path);
  options.dialect = dialect ?? DEFAULT_OPTIONS.dialect;
  if (dialect === undefined) options.dialectGuessed = true;
  return options;
}

function emptyResult(framework: Framework, message: string, range: Range): FrontendResult {
  return { framework, ops: [], problems: [{ message, range }], suppressions: [], autogenBlocks: [], phases: [] };
}

function severityFor(rule: Rule, h: RuleHit, options: AnalysisOptions): Severity | undefined {
  const configured = options.rules[rule.id];
  if (configured === 'off') return undefined;
  if (h.phase && isDownPhase(h.phase) && rule.category === 'data-loss') {
    return lowerOf(options.downgradeSeverity, h.severity ?? configured ?? rule.defaultSeverity);
  }
  return configured ?? h.severity ?? rule.defaultSeverity;
}

/**
 * Django runs a squash only on a database where none of the migrations it replaces has run: a new
 * install, whose tables hold nothing the users wrote, or one last migrated before all of them. Every
 * database past them already made these changes, reviewed when the replaced migrations were written.
 * So what would cut rows or fail on rows is a warning that says why; a configured severity, and a
 * database that shows rows would be lost (withRowCounts), still make it an error.
 */
function asSquash(f: Finding, rule: Rule, replaced: number, options: AnalysisOptions): void {
  if (f.severity !== 'error' || options.rules[rule.id] !== undefined || (rule.category !== 'data-loss' && rule.category !== 'compat')) return;
  f.severity = 'warning';
  f.message += ` This migration is a squash of ${replaced} migration${replaced === 1 ? '' : 's'}: Django runs it only where none of them has run (a new install, or a database last migrated before them), so it repeats changes every later database already made.`;
}

/** A locking finding on a rehearsed migration says which locks its statements really took. */
function withMeasuredLocks(f: Finding, op: Operation, ctx: RuleContext): void {
  const r = rehearsalFor(ctx.facts?.rehearsals, ctx.path);
  const measured = r && measuredLocks(r, ctx.path, op);
  if (measured) f.message += ` ${measured}`;
}

function lowerOf(a: Severity, b: Severity): Severity {
  return SEVERITY_ORDER[a] <= SEVERITY_ORDER[b] ? a : b;
}

/** Applies allow comments: a reasoned one turns the finding into an acknowledged hint. */
function acknowledge(findings: Finding[], suppressions: Suppression[], index: LineIndex): Set<Suppression> {
  const used = new Set<Suppression>();
  // By target line, so a file of many findings and many allow comments is not a scan of one per the other.
  const byLine = new Map<number, Suppression[]>();
  for (const s of suppressions) {
    const onLine = byLine.get(s.targetLine);
    if (onLine) onLine.push(s);
    else byLine.set(s.targetLine, [s]);
  }
  for (const f of findings) {
    const line = index.position(f.range.start).line;
    const s = byLine.get(line)?.find((c) => c.rules.includes(f.rule));
    if (!s) continue;
    used.add(s);
    if (s.reason) {
      f.acknowledged = { reason: s.reason };
      f.severity = 'hint';
    }
  }
  return used;
}

export function analyzeText(path: string, text: string, partial?: Partial<AnalysisOptions>): FileReport {
  return analyzeResolved(path, text, resolveOptions(path, partial));
}

function analyzeResolved(path: string, text: string, options: AnalysisOptions): FileReport {
  const framework = options.named ? detectNamedFramework(path, text) : detectFramework(path, text);
  if (!framework) return { path, text, findings: [] };
  if (options.dialectGuessed && framework === 'sql') {
    const content = dialectOfContent(text, () => siblingsOf(directoryOf(path, options), options));
    if (content) options = { ...options, dialect: content, dialectGuessed: false };
  }
  const index = new LineIndex(text);
  let result: FrontendResult;
  try {
    result = runFrontend(framework, path, text, options);
  } catch (err) {
    if (err instanceof NestingTooDeep) {
      result = emptyResult(framework, `${err.message}, so nothing in this file was checked.`, { start: err.offset, end: Math.min(text.length, err.offset + 1) });
    } else {
      const message = `Migration Guard failed while reading this file (${err instanceof Error ? err.message : String(err)}); nothing in it was checked.`;
      result = emptyResult(framework, message, { start: 0, end: Math.min(text.length, 1) });
    }
  }
  result.suppressions = findSuppressions(index);
  const ctx: RuleContext = { path, text, index, result, options, facts: options.facts };
  const findings = runRules(ctx);
  const report: FileReport = { path, framework, text, findings, tables: touchedTables(result.ops) };
  const pending = pendingQueries(ctx);
  if (pending.length > 0) report.preflightQueries = pending;
  return report;
}

function runRules(ctx: RuleContext): Finding[] {
  const { options } = ctx;
  const findings: Finding[] = [];
  for (const rule of RULES) {
    for (const h of rule.check(ctx)) {
      if (h.phase && isDownPhase(h.phase) && !options.checkDowngrades) continue;
      const severity = severityFor(rule, h, options);
      if (!severity) continue;
      const f: Finding = { rule: rule.id, severity, range: h.range, message: h.message };
      if (ctx.result.squashOf) asSquash(f, rule, ctx.result.squashOf, options);
      if (h.phase) f.phase = h.phase;
      if (h.table !== undefined) f.table = h.table;
      if (h.column !== undefined) f.column = h.column;
      if (h.op?.guard) f.guard = h.op.guard.kind;
      const fixes = options.fixes === false ? [] : [...(h.fixes ?? []), ...fixesFor(f, h.op, ctx)];
      if (fixes.length > 0) f.fixes = fixes;
      if (ctx.facts) withRowCounts(f, rule, h.op, ctx.facts, options);
      if (ctx.facts?.preflight) withPreflight(f, h.op, ctx, severity);
      if (rule.category === 'locking' && h.op) withMeasuredLocks(f, h.op, ctx);
      findings.push(f);
    }
  }
  const used = acknowledge(findings, ctx.result.suppressions, ctx.index);
  const merged = mergeSameOperation(findings);
  if (options.rules['unused-suppression'] !== 'off') {
    for (const s of ctx.result.suppressions) {
      if (used.has(s) || s.rules.length === 0) continue;
      merged.push({
        rule: 'unused-suppression',
        severity: options.rules['unused-suppression'] ?? 'warning',
        range: s.range,
        message: `This allow comment for ${s.rules.join(', ')} covers no finding on the line below it.`,
      });
    }
  }
  // After the merge, so an applied operation is one hint, whatever rules it was reported by.
  markApplied(merged, ctx);
  return merged.sort((a, b) => a.range.start - b.range.start || a.rule.localeCompare(b.rule));
}

/** Analyses raw file content: decoding problems are reported as parse-error and the rest is still checked. */
export function analyzeBytes(path: string, bytes: Uint8Array, partial?: Partial<AnalysisOptions>): FileReport {
  const options = resolveOptions(path, partial);
  const decoded = decode(bytes, options);
  const report = decoded.text ? analyzeResolved(path, decoded.text, options) : { path, text: '', findings: [] as Finding[] };
  if (decoded.problem && options.rules['parse-error'] !== 'off') {
    report.findings.unshift({
      rule: 'parse-error',
      severity: options.rules['parse-error'] ?? 'error',
      range: { start: 0, end: 0 },
      message: decoded.problem,
    });
  }
  return report;
}
