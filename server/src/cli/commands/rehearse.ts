// `migration-guard rehearse [PATH...]`, and the rehearsals `check --rehearse` merges: each SQL migration is
// run, with its down migration, on a scratch database brought to the schema it runs against. The findings
// go through the ordinary analysis (facts.rehearsals), so allow comments, severities and reporters apply.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { SourceSpec } from '../../core/db/open';
import { resolveDatabaseUrl } from '../../core/db/url';
import { SEVERITY_ORDER } from '../../core/findings';
import { readStartingSchema, type CopiedSchema } from '../../core/rehearsal/copy';
import { DEFAULT_ROWS, rehearse } from '../../core/rehearsal/rehearse';
import { openPgliteScratch, openPgScratch } from '../../core/rehearsal/scratch';
import { DEFAULT_LIMITS, RehearsalTimeout, type ScratchLimits } from '../../core/rehearsal/scratchProtocol';
import { companionDown, earlierSides, sidesOf } from '../../core/rehearsal/sources';
import type { Rehearsal } from '../../core/rehearsal/types';
import { RULES } from '../../core/rules';
import { collectCandidates, isSqlMigrationCandidate, UsageError, type Candidate } from '../../core/walk';
import type { CliIo } from '../io';
import { analyzeFiles } from '../parallel';
import { REPORT_FORMATS, reporterFor, type ReportFormat } from '../reporters';
import type { RunResult } from '../reporters/types';
import { DATABASE_OPTIONS, sourceSpec } from './database';
import { rehearsePython, type Skipped } from './rehearsePython';
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

export interface RehearseSettings {
  rows: number;
  /** Alembic migrations: their SQL comes from running Alembic, which imports the project's env.py. */
  allowProjectCode?: boolean;
  scratchUrl?: string;
  spec?: SourceSpec;
  limits: ScratchLimits;
  /** --sample N: real rows per table from the configured database, in memory only. */
  sample: number;
}

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

/**
 * Rehearses every SQL up migration among `candidates`; the result is keyed by the path the run
 * names each file, the up file and its separate down file alike. Python migrations are listed in `skipped`.
 */
export async function rehearseFiles(candidates: Candidate[], settings: RehearseSettings, io: CliIo): Promise<{ rehearsals: Record<string, Rehearsal>; skipped: Skipped[]; downFiles: string[] }> {
  const rehearsals: Record<string, Rehearsal> = {};
  const skipped: Skipped[] = [];
  const downFiles: string[] = [];
  const configured = settings.spec?.kind === 'url' ? settings.spec.url : resolveDatabaseUrl({ env: io.env ?? process.env })?.url;
  const openScratch = settings.scratchUrl === undefined ? () => openPgliteScratch(settings.limits) : () => openPgScratch(settings.scratchUrl as string, configured, settings.limits);
  let copied: CopiedSchema | undefined;
  if (settings.spec) copied = await readStartingSchema(settings.spec, settings.sample);
  const where = { baseDir: io.cwd };
  const nameOf = (absolute: string) => relative(io.cwd, absolute);
  const rehearseSql = async (c: Candidate) => {
    const file = c.absolute;
    const rel = nameOf(file);
    const text = fs.readFileSync(file, 'utf8');
    // A seed or a schema dump beside the migrations is not one (the same test as check's).
    if (!isSqlMigrationCandidate(c, rel, text)) return;
    const sides = sidesOf(text, rel);
    if (!sides.up) return;
    let down = sides.down;
    if (!down) {
      const companion = companionDown(file, where);
      if (companion) {
        down = sidesOf(companion.text, nameOf(companion.path)).down;
        if (down) downFiles.push(companion.path);
      }
    }
    const start = copied ? { kind: 'copy' as const, catalog: copied.catalog, from: copied.from, sample: copied.sample } : { kind: 'replay' as const, earlier: earlierSides(file, where, nameOf) };
    const result = await rehearse(sides.up, down, { openScratch, start, rows: settings.rows });
    if (copied?.note) result.notes.unshift(copied.note);
    rehearsals[rel] = result;
    if (down && down.path !== rel) rehearsals[down.path] = result;
  };
  for (const c of candidates) {
    const file = c.absolute;
    try {
      if (/\.py$/i.test(file)) {
        const outcome = await rehearsePython(file, nameOf(file), settings, { openScratch, copied });
        if (outcome && 'reason' in outcome) skipped.push(outcome);
        else if (outcome) rehearsals[nameOf(file)] = outcome;
      } else if (/\.sql$/i.test(file)) {
        await rehearseSql(c);
      }
    } catch (err) {
      // A timeout outside the migration's own statements (replaying the earlier ones, filling rows, reading
      // the catalog) ends this file's rehearsal; one inside them is the statement's rehearsal-failed finding.
      if (!(err instanceof RehearsalTimeout)) throw err;
      skipped.push({ path: nameOf(file), reason: err.message, failed: true });
    }
  }
  return { rehearsals, skipped, downFiles };
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
