import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { detectFramework } from '../../core/detect';
import { SEVERITY_ORDER, type Severity } from '../../core/findings';
import type { SchemaSnapshot, SchemaSource } from '../../core/db/schemaSource';
import type { ReviewFacts } from '../../core/facts';
import type { AnalysisOptions, SqlDialect } from '../../core/options';
import { LedgerError } from '../../core/review/ledger';
import { RULES } from '../../core/rules';
import { collectCandidates, isMigrationCandidate, UsageError, type Candidate } from '../../core/walk';
import type { CliIo } from '../io';
import { ResultCache } from '../cache';
import { analyzeFiles, analyzeFilesCached, type FileJob } from '../parallel';
import { REPORT_FORMATS, reporterFor, type ReportFormat } from '../reporters';
import type { RunResult } from '../reporters/types';
import { DATABASE_OPTIONS, sourceSpec, withSource } from './database';
import { countFindingTargets, groupByProject, projectFacts } from './facts';
import { answerReports, PREFLIGHT_OPTIONS, preflightSettings, startPreflight, type PreflightSettings } from './preflight';
import { loadLedger, missingReviews, renderMissingReviews, reviewFacts, type LoadedLedger } from './review';

const DIALECTS: readonly SqlDialect[] = ['postgres', 'mysql', 'sqlite'];

const FAIL_ON = ['error', 'warning', 'never'] as const;
type FailOn = (typeof FAIL_ON)[number];

function relative(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return (rel.startsWith('..') ? file : rel).split(path.sep).join('/');
}

interface Job extends FileJob {
  candidate: Candidate;
}

interface RunSettings {
  threads: number | undefined;
  cache: ResultCache | undefined;
  preflight?: PreflightSettings;
}

async function checkFiles(jobs: Job[], options: Partial<AnalysisOptions>, run: RunResult, settings: RunSettings): Promise<void> {
  const { threads, cache } = settings;
  const results = cache ? await analyzeFilesCached(jobs, options, threads, cache) : await analyzeFiles(jobs, options, threads);
  results.forEach((result, i) => {
    const { rel, candidate } = jobs[i];
    if (result.error !== undefined) {
      run.errors.push({ path: rel, message: result.error });
      return;
    }
    const report = result.report;
    if (!isMigrationCandidate(candidate, rel, report)) return;
    if (!report.framework && report.findings.length === 0 && !detectFramework(rel, '')) return;
    run.filesChecked++;
    run.reports.push(report);
  });
}

/** Each project's files with its facts; with a database, a second pass quotes exact counts. */
async function checkProjects(
  jobs: Job[],
  options: Partial<AnalysisOptions>,
  source: SchemaSource | undefined,
  review: ReviewFacts | undefined,
  settings: RunSettings,
): Promise<RunResult> {
  const run: RunResult = { reports: [], errors: [], filesChecked: 0 };
  const db: SchemaSnapshot | undefined = source ? await source.read() : undefined;
  const preflight = source && settings.preflight ? await startPreflight(source, settings.preflight) : undefined;
  for (const group of groupByProject(jobs, (j) => j.absolute)) {
    const loaded = await projectFacts(group.layout, db);
    const reviewed = review ? { ...loaded, review } : loaded;
    const facts = reviewed && preflight ? { ...reviewed, preflight: preflight.facts } : reviewed;
    const part: RunResult = { reports: [], errors: [], filesChecked: 0 };
    await checkFiles(group.items, { ...options, facts }, part, settings);
    if (source && db && facts) {
      const recount = await countFindingTargets(source, db, part.reports);
      if (preflight) for (const p of await answerReports(source, preflight, part.reports)) recount.add(p);
      const again = group.items.filter((j) => recount.has(j.rel));
      if (again.length > 0) {
        const redo: RunResult = { reports: [], errors: [], filesChecked: 0 };
        await checkFiles(again, { ...options, facts }, redo, settings);
        const byPath = new Map(redo.reports.map((r) => [r.path, r]));
        part.reports = part.reports.map((r) => byPath.get(r.path) ?? r);
      }
    }
    run.reports.push(...part.reports);
    run.errors.push(...part.errors);
    run.filesChecked += part.filesChecked;
  }
  return run;
}

/**
 * With only SQL to check, WebAssembly runs little (the fast paths read nearly every statement, and a
 * parser is loaded only when a text needs it), and optimising libpg-query's large parser functions, when
 * it is loaded, would cost more CPU than it saves:
 * about 0.25 s per thread, on a run that takes about half a second. V8 decides this per module when it
 * compiles it, so the flag is set before any compile; it changes speed, never results.
 */
function preferBaselineWasm(jobs: Job[]): void {
  if (jobs.length > 0 && jobs.every((j) => /\.sql$/i.test(j.absolute))) setFlagsFromString('--liftoff-only');
}

function exitCode(run: RunResult, failOn: FailOn): number {
  if (run.errors.length > 0) return 2;
  if (failOn === 'never') return 0;
  const threshold = SEVERITY_ORDER[failOn as Severity];
  const failing = run.reports.some((r) => r.findings.some((f) => !f.acknowledged && SEVERITY_ORDER[f.severity] >= threshold));
  return failing ? 1 : 0;
}

export async function check(args: string[], io: CliIo, usage: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string', default: 'error' },
      'no-downgrades': { type: 'boolean', default: false },
      dialect: { type: 'string' },
      'require-review': { type: 'boolean', default: false },
      'no-color': { type: 'boolean', default: false },
      jobs: { type: 'string' },
      cache: { type: 'boolean', default: false },
      'cache-location': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      ...DATABASE_OPTIONS,
      ...PREFLIGHT_OPTIONS,
    },
  });
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  const format = values.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
  const failOn = values['fail-on'] as FailOn;
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
  const dialect = values.dialect as SqlDialect | undefined;
  if (dialect !== undefined && !DIALECTS.includes(dialect)) throw new UsageError(`--dialect must be one of ${DIALECTS.join(', ')}`);
  const threads = values.jobs === undefined ? undefined : Number(values.jobs);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64)) throw new UsageError('--jobs must be a whole number from 1 to 64');
  const settings: RunSettings = { threads, cache: openCache(values.cache || values['cache-location'] !== undefined, values['cache-location'], io), preflight: preflightSettings(values) };
  const ledger = readLedgerFor(values['require-review'], io);

  const candidates = collectCandidates(positionals.length > 0 ? positionals : ['.'], io.cwd);
  const jobs: Job[] = candidates.map((c) => ({ absolute: c.absolute, rel: relative(io.cwd, c.absolute), candidate: c }));
  const firstProject = groupByProject(jobs, (j) => j.absolute).find((g) => g.layout)?.layout;
  const spec = sourceSpec(values, io, firstProject?.alembicIni, false);
  // Reports name files relative to io.cwd; neighbouring files and the ledger's paths resolve from there too.
  // Without --dialect, each file's dialect comes from its project (alembic.ini's URL, flyway.conf, Prisma's lock file).
  const options = { checkDowngrades: !values['no-downgrades'], baseDir: io.cwd, fixes: false, ...(dialect ? { dialect } : {}) };
  const review = ledger && reviewFacts(ledger);
  if (!spec) preferBaselineWasm(jobs);
  const run = spec ? await withSource(spec, (source) => checkProjects(jobs, options, source, review, settings)) : await checkProjects(jobs, options, undefined, review, settings);
  saveCache(settings.cache, io);
  const reporter = reporterFor(format, RULES.map((r) => ({ id: r.id, summary: r.docs.summary, why: r.docs.why, defaultSeverity: r.defaultSeverity })));
  io.stdout(reporter(run, { color: io.isTty && !values['no-color'] && !process.env.NO_COLOR }));
  const code = exitCode(run, failOn);
  if (!values['require-review'] || !ledger || code === 2) return code;
  const missing = missingReviews(run.reports, ledger, io.cwd);
  if (missing.length === 0) return code;
  // The machine-readable formats own stdout.
  (format === 'text' ? io.stdout : io.stderr)(renderMissingReviews(missing, ledger.file, io.cwd));
  return 1;
}

const DEFAULT_CACHE = '.migration-guard-cache.json';

function openCache(wanted: boolean, location: string | undefined, io: CliIo): ResultCache | undefined {
  if (!wanted) return undefined;
  const cache = ResultCache.open(path.resolve(io.cwd, location ?? DEFAULT_CACHE));
  if (!cache) io.stderr('migration-guard: --cache needs the built CLI (npm run build); this run does not use one.\n');
  return cache;
}

/** A cache that cannot be written costs the next run time, never this run its result. */
function saveCache(cache: ResultCache | undefined, io: CliIo): void {
  try {
    cache?.save();
  } catch (err) {
    io.stderr(`migration-guard: could not write the cache ${cache?.file} (${(err as NodeJS.ErrnoException).code ?? String(err)}).\n`);
  }
}

/**
 * The review ledger, when there is one to read. With --require-review a ledger that cannot be read ends
 * the run (exit 2); without it, the stale-review rule is skipped and the run says why.
 */
function readLedgerFor(required: boolean | undefined, io: CliIo): LoadedLedger | undefined {
  try {
    return loadLedger(io.cwd);
  } catch (err) {
    if (required || !(err instanceof LedgerError)) throw err;
    io.stderr(`migration-guard: ${err.message} Sign-offs are not checked in this run.\n`);
    return undefined;
  }
}
