import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { detectFramework } from '../../core/detect';
import { beginRun, endRun } from '../../core/dirLookups';
import { SEVERITY_ORDER, type Severity } from '../../core/findings';
import type { SchemaSnapshot, SchemaSource } from '../../core/db/schemaSource';
import { BASELINE_FILE, readBaseline } from '../../core/applied/baseline';
import type { BaselineInput } from '../../core/applied/resolve';
import type { ProjectFacts, ReviewFacts } from '../../core/facts';
import { DEFAULT_OPTIONS, type AnalysisOptions, type SqlDialect } from '../../core/options';
import { findRepositoryRoot, LedgerError } from '../../core/review/ledger';
import { RULES } from '../../core/rules';
import { collectCandidates, describeFsError, isMigrationCandidate, UsageError, type Candidate } from '../../core/walk';
import { FileReadError, readPipe } from '../../core/fileRead';
import type { CliIo } from '../io';
import { changedFiles, isChanged } from '../changed';
import { ResultCache } from '../cache';
import { analyzeFiles, analyzeFilesCached, type FileJob } from '../parallel';
import { REPORT_FORMATS, reporterFor, type ReportFormat } from '../reporters';
import type { RunResult } from '../reporters/types';
import { appliedFacts } from '../../core/applied/project';
import { DATABASE_OPTIONS, sourceSpec, withSource } from './database';
import { countFindingTargets, groupByProject, projectFacts } from './facts';
import { answerReports, PREFLIGHT_OPTIONS, preflightSettings, startPreflight, type PreflightSettings } from './preflight';
import { REHEARSE_OPTIONS, rehearseFiles, rehearseSettings } from './rehearse';
import { loadLedger, missingReviews, renderMissingReviews, reviewFacts, signOffStates, type LoadedLedger } from './review';

const DIALECTS: readonly SqlDialect[] = ['postgres', 'mysql', 'sqlite', 'clickhouse'];

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

/** Where "applied" is decided: the repository root, holding the baseline when there is one. */
interface AppliedInput {
  root: string;
  baseline: BaselineInput | undefined;
  /** Filled in by the run: what was read, and how many of the checked files had run. */
  sources: Set<string>;
  appliedFiles: number;
  /** History tables the database has but would not let us read, with why. */
  unreadable: string[];
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
    // A Python file that is no migration is left out even when named (a hook may pass every changed file),
    // and the run says so; any other named file was checked.
    if (!report.framework && report.findings.length === 0 && !detectFramework(rel, '') && !(candidate.explicit && !/\.py$/i.test(rel))) {
      if (candidate.explicit) run.notMigrations?.push(rel);
      return;
    }
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
  history: AppliedInput,
  rehearsals?: ProjectFacts['rehearsals'],
): Promise<RunResult> {
  const run: RunResult = { reports: [], errors: [], filesChecked: 0, notMigrations: [] };
  const db: SchemaSnapshot | undefined = source ? await source.read() : undefined;
  for (const t of db?.history ?? []) if (t.unreadable) history.unreadable.push(`${t.table} (${t.unreadable})`);
  const preflight = source && settings.preflight ? await startPreflight(source, settings.preflight) : undefined;
  for (const group of groupByProject(jobs, (j) => j.absolute)) {
    const loaded = await projectFacts(group.layout, db);
    const applied = appliedFacts(history.root, group.items.map((j) => j.absolute), db, history.baseline);
    const reviewed: ProjectFacts | undefined =
      review || applied || rehearsals ? { ...loaded, ...(review ? { review } : {}), ...(applied ? { applied } : {}), ...(rehearsals ? { rehearsals } : {}) } : loaded;
    const facts = reviewed && preflight ? { ...reviewed, preflight: preflight.facts } : reviewed;
    if (applied) {
      for (const s of applied.sources) history.sources.add(s);
      history.appliedFiles += group.items.filter((j) => Object.hasOwn(applied.files, path.relative(history.root, j.absolute).split(path.sep).join('/'))).length;
    }
    const part: RunResult = { reports: [], errors: [], filesChecked: 0, notMigrations: [] };
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
    run.notMigrations?.push(...(part.notMigrations ?? []));
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

/**
 * One job per candidate. A pipe named on the command line can be read only once, so it is read here, before
 * the jobs are shared out (a pipe that cannot be read joins `errors`).
 */
async function jobsFor(candidates: Candidate[], cwd: string, errors: RunResult['errors']): Promise<Job[]> {
  const jobs: Job[] = [];
  for (const c of candidates) {
    const job: Job = { absolute: c.absolute, rel: relative(cwd, c.absolute), candidate: c, ...(c.explicit ? { named: true } : {}) };
    if (c.pipe) {
      try {
        job.bytes = await readPipe(c.absolute, DEFAULT_OPTIONS.maxFileBytes);
      } catch (err) {
        errors.push({ path: job.rel, message: err instanceof FileReadError ? err.message : `this pipe could not be read (${describeFsError(err)})` });
        continue;
      }
    }
    jobs.push(job);
  }
  return jobs;
}

function exitCode(run: RunResult, failOn: FailOn): number {
  if (run.errors.length > 0) return 2;
  if (failOn === 'never') return 0;
  const threshold = SEVERITY_ORDER[failOn as Severity];
  const failing = run.reports.some((r) => r.findings.some((f) => !f.acknowledged && SEVERITY_ORDER[f.severity] >= threshold));
  return failing ? 1 : 0;
}

/** One run remembers what it read from the disk (core/dirLookups.ts), and forgets it when it ends. */
export async function check(args: string[], io: CliIo, usage: string): Promise<number> {
  beginRun();
  try {
    return await checkRun(args, io, usage);
  } finally {
    endRun();
  }
}

async function checkRun(args: string[], io: CliIo, usage: string): Promise<number> {
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
      'changed-since': { type: 'string' },
      'include-applied': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      rehearse: { type: 'boolean', default: false },
      ...REHEARSE_OPTIONS,
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

  const changed = values['changed-since'] === undefined ? undefined : changedFiles(io.cwd, values['changed-since']);
  const collected = collectCandidates(positionals.length > 0 ? positionals : ['.'], io.cwd);
  const walkErrors = collected.errors.map((e) => ({ path: relative(io.cwd, e.path), message: e.message }));
  const candidates = changed ? collected.candidates.filter((c) => isChanged(changed, c.absolute)) : collected.candidates;
  const jobs = await jobsFor(candidates, io.cwd, walkErrors);
  const firstProject = groupByProject(jobs, (j) => j.absolute).find((g) => g.layout)?.layout;
  const spec = sourceSpec(values, io, firstProject?.alembicIni, false);
  // Reports name files relative to io.cwd; neighbouring files and the ledger's paths resolve from there too.
  // Without --dialect, each file's dialect comes from its project (alembic.ini's URL, flyway.conf, Prisma's lock file).
  const includeApplied = values['include-applied'] === true;
  const options: Partial<AnalysisOptions> = { checkDowngrades: !values['no-downgrades'], baseDir: io.cwd, fixes: false, ...(dialect ? { dialect } : {}), ...(includeApplied ? { applied: 'full' } : {}) };
  const root = findRepositoryRoot(io.cwd, io.cwd);
  const history: AppliedInput = { root, baseline: readBaseline(path.join(root, BASELINE_FILE)), sources: new Set(), appliedFiles: 0, unreadable: [] };
  const review = ledger && reviewFacts(ledger);
  if (!spec) preferBaselineWasm(jobs);
  const rehearsed = values.rehearse ? await rehearseFiles(jobs.filter((j) => !j.bytes).map((j) => j.candidate), rehearseSettings(values, spec), io) : undefined;
  const rehearsals = rehearsed?.rehearsals;
  const run = spec
    ? await withSource(spec, (source) => checkProjects(jobs, options, source, review, settings, history, rehearsals))
    : await checkProjects(jobs, options, undefined, review, settings, history, rehearsals);
  run.errors.push(...walkErrors);
  // A rehearsal stopped by its limits is an error of the run, as with `rehearse`; a file not rehearsed is said why.
  for (const s of rehearsed?.skipped ?? []) {
    if (s.failed) run.errors.push({ path: s.path, message: `the rehearsal was stopped: ${s.reason}` });
    else io.stderr(`migration-guard: ${s.path} was not rehearsed: ${s.reason}.\n`);
  }
  saveCache(settings.cache, io);
  if (ledger && format === 'markdown') run.signoffs = signOffStates(run.reports, ledger, io.cwd);
  const reporter = reporterFor(format, RULES.map((r) => ({ id: r.id, summary: r.docs.summary, why: r.docs.why, defaultSeverity: r.defaultSeverity })));
  io.stdout(reporter(run, { color: io.isTty && !values['no-color'] && !process.env.NO_COLOR }));
  for (const rel of run.notMigrations ?? []) io.stderr(`migration-guard: ${rel} is not an Alembic or Django migration (no upgrade() with Alembic's imports or revision, no Migration class); it was not checked.\n`);
  // The text report lists what could not be read; with the machine formats stdout is a document, so a
  // person watching the run is told on stderr.
  if (format !== 'text') for (const e of run.errors) io.stderr(`migration-guard: ${e.path === undefined ? '' : `${e.path}: `}${e.message}\n`);
  if (history.sources.size > 0) (format === 'text' ? io.stdout : io.stderr)(appliedNote(history, includeApplied));
  if (history.unreadable.length > 0) io.stderr(`migration-guard: could not read ${history.unreadable.join(', ')}; the migrations recorded there count as pending.\n`);
  const code = exitCode(run, failOn);
  if (!values['require-review'] || !ledger || code === 2) return code;
  // A migration that has already run cannot be reviewed into not running.
  const reviewed = includeApplied ? run.reports : run.reports.map((r) => ({ ...r, findings: r.findings.filter((f) => !f.applied) }));
  const missing = missingReviews(reviewed, ledger, io.cwd);
  if (missing.length === 0) return code;
  // The machine-readable formats own stdout.
  (format === 'text' ? io.stdout : io.stderr)(renderMissingReviews(missing, ledger.file, io.cwd));
  return 1;
}

function appliedNote(history: AppliedInput, included: boolean): string {
  const n = history.appliedFiles;
  const what = `${n} of the checked migrations ${n === 1 ? 'has' : 'have'} already run (read from ${[...history.sources].join(', ')})`;
  return included
    ? `${what}; --include-applied: their findings count in full.\n`
    : `${what}: their findings are shown as hints and do not fail the run (--include-applied counts them).\n`;
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
