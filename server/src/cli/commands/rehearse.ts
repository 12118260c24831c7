// `migration-guard rehearse [PATH...]`, and the rehearsals `check --rehearse` merges: each SQL migration is
// run, with its down migration, on a scratch database brought to the schema it runs against. The findings
// go through the ordinary analysis (facts.rehearsals), so allow comments, severities and reporters apply.

import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { SourceSpec } from '../../core/db/open';
import { SEVERITY_ORDER } from '../../core/findings';
import { DEFAULT_ROWS } from '../../core/rehearsal/rehearse';
import { rehearseFiles as rehearseCore, type RehearseSettings } from '../../core/rehearsal/runFile';
import { DEFAULT_LIMITS } from '../../core/rehearsal/scratchProtocol';
import { RULES } from '../../core/rules';
import { collectCandidates, UsageError, type Candidate } from '../../core/walk';
import type { CliIo } from '../io';
import { analyzeFiles } from '../parallel';
import { REPORT_FORMATS, reporterFor, type ReportFormat } from '../reporters';
import type { RunResult } from '../reporters/types';
import { DATABASE_OPTIONS, sourceSpec } from './database';
import { renderRehearsals } from './rehearseText';

export const REHEARSE_OPTIONS = {
  rows: { type: 'string' },
  'scratch-url': { type: 'string' },
  'allow-project-code': { type: 'boolean', default: false },
  'statement-timeout': { type: 'string' },
  'rehearsal-budget': { type: 'string' },
  sample: { type: 'string' },
} as const;

const REHEARSAL_RULES = new Set(['rehearsal-failed', 'cascade-drop', 'downgrade-not-restoring']);

type RehearseValues = { sample?: string; rows?: string; 'scratch-url'?: string; 'allow-project-code'?: boolean; 'statement-timeout'?: string; 'rehearsal-budget'?: string };

export function rehearseSettings(values: RehearseValues, spec: SourceSpec | undefined): RehearseSettings {
  const rows = values.rows === undefined ? DEFAULT_ROWS : Number(values.rows);
  if (!Number.isInteger(rows) || rows < 0 || rows > 1000) throw new UsageError('--rows takes a whole number from 0 to 1000');
  const limits = { statementMs: seconds(values['statement-timeout'], '--statement-timeout', DEFAULT_LIMITS.statementMs), budgetMs: seconds(values['rehearsal-budget'], '--rehearsal-budget', DEFAULT_LIMITS.budgetMs) };
  const sample = values.sample === undefined ? 0 : Number(values.sample);
  if (values.sample !== undefined && (!Number.isInteger(sample) || sample < 1 || sample > 1000)) throw new UsageError('--sample takes a whole number from 1 to 1000');
  if (sample > 0 && !spec) throw new UsageError('--sample copies rows from the configured database: name it with --database-url (or DATABASE_URL), --database or --embedded-seed');
  return { rows, limits, sample, allowProjectCode: !!values['allow-project-code'], ...(values['scratch-url'] !== undefined ? { scratchUrl: values['scratch-url'] } : {}), ...(spec ? { spec } : {}) };
}

function seconds(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(n > 0 && n <= 86_400)) throw new UsageError(`${flag} takes a number of seconds from 0 to 86400, e.g. 30 or 0.5`);
  return Math.round(n * 1000);
}

function relative(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return (rel.startsWith('..') ? file : rel).split(path.sep).join('/');
}

/** The rehearsals of `candidates` (core/rehearsal/runFile.ts), each file named relative to the command's directory. */
export function rehearseFiles(candidates: Candidate[], settings: RehearseSettings, io: CliIo): ReturnType<typeof rehearseCore> {
  return rehearseCore(candidates, settings, { baseDir: io.cwd, env: io.env ?? process.env, nameOf: (absolute) => relative(io.cwd, absolute) });
}

export async function rehearseCommand(args: string[], io: CliIo, usage: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      ...REHEARSE_OPTIONS,
      ...DATABASE_OPTIONS,
    },
  });
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  const format = values.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
  const collected = collectCandidates(positionals.length > 0 ? positionals : ['.'], io.cwd);
  const settings = rehearseSettings(values, sourceSpec(values, io, undefined, false));
  const { rehearsals, skipped } = await rehearseFiles(collected.candidates.filter((c) => !c.pipe), settings, io);
  const rels = Object.keys(rehearsals).sort();
  const jobs = rels.map((rel) => ({ absolute: path.resolve(io.cwd, rel), rel }));
  const results = await analyzeFiles(jobs, { baseDir: io.cwd, fixes: false, facts: { rehearsals } }, 1);
  const run: RunResult = { reports: [], errors: collected.errors.map((e) => ({ path: relative(io.cwd, e.path), message: e.message })), filesChecked: 0 };
  results.forEach((r, i) => {
    if (r.error !== undefined) run.errors.push({ path: jobs[i].rel, message: r.error });
    else run.reports.push({ ...r.report, findings: r.report.findings.filter((f) => REHEARSAL_RULES.has(f.rule)) });
  });
  for (const s of skipped) if (s.failed) run.errors.push({ path: s.path, message: `the rehearsal was stopped: ${s.reason}` });
  run.filesChecked = new Set(Object.values(rehearsals).map((r) => r.path)).size;
  const reporter = reporterFor(format, RULES.filter((r) => REHEARSAL_RULES.has(r.id)).map((r) => ({ id: r.id, summary: r.docs.summary, why: r.docs.why, defaultSeverity: r.defaultSeverity })));
  const color = io.isTty && !values['no-color'] && !process.env.NO_COLOR;
  io.stdout(reporter(run, { color }));
  if (format === 'text') io.stdout(renderRehearsals(rehearsals));
  for (const s of skipped) if (!s.failed) io.stderr(`migration-guard: ${s.path} was not rehearsed: ${s.reason}.\n`);
  if (run.errors.length > 0) return 2;
  return run.reports.some((r) => r.findings.some((f) => !f.acknowledged && SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER.error)) ? 1 : 0;
}
