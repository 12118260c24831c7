import { detectFramework } from './detect';
import { SEVERITY_ORDER, type Finding, type Severity } from './findings';
import { fixesFor } from './fixes';
import { alembicFrontend } from './frontends/alembic';
import { alembicHistory } from './frontends/alembicHistory';
import { djangoFrontend } from './frontends/django';
import { sqlFileWithHistory } from './frontends/sqlHistory';
import { isDownPhase, type Framework, type FrontendResult, type Range, type Suppression } from './ops';
import { DEFAULT_OPTIONS, withDefaults, type AnalysisOptions } from './options';
import { NestingTooDeep } from './parse/nesting';
import { initPgParser } from './parse/pg';
import { initPythonParser } from './parse/python';
import { dialectFromProject, directoryOf } from './project';
import { withRowCounts } from './enrich';
import type { FileReport } from './report';
import { touchedTables } from './review/touched';
import { RULES } from './rules';
import type { Rule, RuleContext, RuleHit } from './rules/types';
import { findSuppressions } from './suppressions';
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
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    return { text: '', problem: `This file is ${mb(bytes.length)} MB, over the ${mb(options.maxFileBytes)} MB limit (maxFileBytes), so it was not checked.` };
  }
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

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function runFrontend(framework: Framework, path: string, text: string, options: AnalysisOptions): FrontendResult {
  switch (framework) {
    case 'alembic': {
      const earlier = (t: string) => alembicFrontend(t, options.dialect).ops;
      return alembicFrontend(text, options.dialect, () => alembicHistory(path, text, options, earlier));
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
  if (partial?.dialect === undefined) options.dialect = dialectFromProject(directoryOf(path, options), path) ?? DEFAULT_OPTIONS.dialect;
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
  const framework = detectFramework(path, text);
  if (!framework) return { path, text, findings: [] };
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
  const findings = runRules({ path, text, index, result, options, facts: options.facts });
  return { path, framework, text, findings, tables: touchedTables(result.ops) };
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
      if (h.phase) f.phase = h.phase;
      if (h.table !== undefined) f.table = h.table;
      if (h.column !== undefined) f.column = h.column;
      if (h.op?.guard) f.guard = h.op.guard.kind;
      const fixes = options.fixes === false ? [] : [...(h.fixes ?? []), ...fixesFor(f, h.op, ctx)];
      if (fixes.length > 0) f.fixes = fixes;
      if (ctx.facts) withRowCounts(f, rule, h.op, ctx.facts, options);
      findings.push(f);
    }
  }
  const used = acknowledge(findings, ctx.result.suppressions, ctx.index);
  if (options.rules['unused-suppression'] !== 'off') {
    for (const s of ctx.result.suppressions) {
      if (used.has(s) || s.rules.length === 0) continue;
      findings.push({
        rule: 'unused-suppression',
        severity: options.rules['unused-suppression'] ?? 'warning',
        range: s.range,
        message: `This allow comment for ${s.rules.join(', ')} covers no finding on the line below it.`,
      });
    }
  }
  return findings.sort((a, b) => a.range.start - b.range.start || a.rule.localeCompare(b.rule));
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
