import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { detectFramework, isSqlMigration } from '../core/detect';
import { SEVERITY_ORDER, type Severity } from '../core/findings';
import type { AnalysisOptions } from '../core/options';
import type { FileReport } from '../core/report';
import { analyzeFiles } from './parallel';
import { RULES } from '../core/rules';
import { reporterFor } from './reporters';
import type { RunResult } from './reporters/types';
import { collectCandidates, UsageError, type Candidate } from './walk';

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON = ['error', 'warning', 'never'] as const;

const USAGE = `Usage: migration-guard check [PATH...] [options]

Checks migration files (Alembic, SQL: Flyway, golang-migrate, goose, dbmate, Prisma) for operations
that destroy data, break running code or lock tables. Directories are walked; migrations are found by
location (alembic.ini's script_location, versions/, migrations/) and content.

Options:
  --format text|json|sarif|github   output format (default: text)
  --fail-on error|warning|never     exit 1 when a finding is at least this severe (default: error)
  --no-downgrades                   do not check downgrade/down sections
  --database-url URL                (not available yet: database checks land with the parity work)
  --require-review                  (not available yet: the review ledger lands with the sidebar work)
  --no-color                        plain text output
  -h, --help                        show this help

Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage or internal error.`;

export interface CliIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTty: boolean;
}

function relative(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return (rel.startsWith('..') ? file : rel).split(path.sep).join('/');
}

function isMigrationCandidate(c: Candidate, rel: string, report: FileReport): boolean {
  if (c.explicit) return true;
  if (report.framework === 'sql') return isSqlMigration(rel, report.text);
  if (report.framework) return true;
  // Undecodable files only count when their location says they are migrations.
  return report.findings.length > 0 && (isSqlMigration(rel, '') || /(?:^|\/)versions\//.test(rel));
}

async function checkFiles(candidates: Candidate[], cwd: string, options: Partial<AnalysisOptions>): Promise<RunResult> {
  const run: RunResult = { reports: [], errors: [], filesChecked: 0 };
  const jobs = candidates.map((c) => ({ absolute: c.absolute, rel: relative(cwd, c.absolute) }));
  const results = await analyzeFiles(jobs, options);
  results.forEach((result, i) => {
    const { rel } = jobs[i];
    if (result.error !== undefined) {
      run.errors.push({ path: rel, message: result.error });
      return;
    }
    const report = result.report;
    if (!isMigrationCandidate(candidates[i], rel, report)) return;
    if (!report.framework && report.findings.length === 0 && !detectFramework(rel, '')) return;
    run.filesChecked++;
    run.reports.push(report);
  });
  return run;
}

function exitCode(run: RunResult, failOn: (typeof FAIL_ON)[number]): number {
  if (run.errors.length > 0) return 2;
  if (failOn === 'never') return 0;
  const threshold = SEVERITY_ORDER[failOn as Severity];
  const failing = run.reports.some((r) => r.findings.some((f) => !f.acknowledged && SEVERITY_ORDER[f.severity] >= threshold));
  return failing ? 1 : 0;
}

async function check(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string', default: 'error' },
      'no-downgrades': { type: 'boolean', default: false },
      'database-url': { type: 'string' },
      'require-review': { type: 'boolean', default: false },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const failOn = values['fail-on'] as (typeof FAIL_ON)[number];
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
  if (values['database-url'] !== undefined) throw new UsageError('--database-url is not available in this version yet');
  if (values['require-review']) throw new UsageError('--require-review is not available in this version yet');

  const candidates = collectCandidates(positionals.length > 0 ? positionals : ['.'], io.cwd);
  const run = await checkFiles(candidates, io.cwd, { checkDowngrades: !values['no-downgrades'] });
  const reporter = reporterFor(format, RULES.map((r) => ({ id: r.id, summary: r.docs.summary, why: r.docs.why, defaultSeverity: r.defaultSeverity })));
  io.stdout(reporter(run, { color: io.isTty && !values['no-color'] && !process.env.NO_COLOR }));
  return exitCode(run, failOn);
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.stdout(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command === 'check') return await check(rest, io);
    throw new UsageError(`unknown command "${command}"`);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`migration-guard: ${(err as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    io.stderr(`migration-guard: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    return 2;
  }
}
