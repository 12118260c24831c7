/**
 * Counts what one `check` run over a directory asks of the file system and of libpg-query. Run in its own
 * process through the TypeScript sources (`node --import tsx test/bench/corpusCounts.ts DIR`): fs and
 * libpg-query are wrapped before the CLI is loaded, so every call the core makes goes through the
 * counters. Prints one JSON object (CorpusCounts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CorpusCounts {
  /** Calls per fs function (sync and promise forms together), and how many of them found nothing (ENOENT). */
  fsCalls: Record<string, { calls: number; missing: number }>;
  fsTotal: number;
  fsMissing: number;
  /** Statements of the .sql files as the splitter cuts them (PostgreSQL), and their characters. */
  statements: number;
  statementChars: number;
  /** What reached libpg-query's parser (the fast path declined or was not tried), and its characters. */
  libpgStatements: number;
  libpgChars: number;
  /** PL/pgSQL bodies that reached libpg-query. */
  libpgPlpgsql: number;
}

const COUNTED = ['statSync', 'lstatSync', 'existsSync', 'accessSync', 'readFileSync', 'readdirSync', 'realpathSync', 'openSync', 'stat', 'lstat', 'access', 'readFile', 'readdir', 'realpath', 'open'] as const;

function counter(fsCalls: CorpusCounts['fsCalls'], name: string) {
  const key = name.replace(/Sync$/, '');
  const entry = (fsCalls[key] ??= { calls: 0, missing: 0 });
  return {
    call: () => entry.calls++,
    miss: (err: unknown) => {
      if ((err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') entry.missing++;
    },
  };
}

function wrapFs(fsCalls: CorpusCounts['fsCalls']): void {
  // The module object itself: what the core's `import * as fs` reads each function from at call time.
  const target = require('node:fs') as Record<string, unknown>;
  const promises = target.promises as Record<string, unknown>;
  for (const name of COUNTED) {
    const c = counter(fsCalls, name);
    const original = target[name] as ((...args: unknown[]) => unknown) | undefined;
    if (typeof original !== 'function') continue;
    if (name === 'existsSync') {
      target[name] = (...args: unknown[]) => {
        c.call();
        const found = original.apply(fs, args) as boolean;
        if (!found) c.miss({ code: 'ENOENT' });
        return found;
      };
    } else if (name.endsWith('Sync')) {
      // Object.assign keeps what hangs off the function, such as realpathSync.native (left uncounted).
      target[name] = Object.assign((...args: unknown[]) => {
        c.call();
        try {
          const result = original.apply(fs, args);
          // statSync(p, { throwIfNoEntry: false }) answers undefined instead of throwing.
          if (result === undefined && name !== 'accessSync') c.miss({ code: 'ENOENT' });
          return result;
        } catch (err) {
          c.miss(err);
          throw err;
        }
      }, original);
    } else {
      const promised = promises[name] as ((...args: unknown[]) => Promise<unknown>) | undefined;
      if (typeof promised === 'function') {
        promises[name] = (...args: unknown[]) => {
          c.call();
          return promised.apply(fs.promises, args).catch((err: unknown) => {
            c.miss(err);
            throw err;
          });
        };
      }
    }
  }
}

function sqlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sqlFiles(full));
    else if (e.name.endsWith('.sql')) out.push(full);
  }
  return out;
}

async function main(dir: string): Promise<void> {
  const counts: CorpusCounts = { fsCalls: {}, fsTotal: 0, fsMissing: 0, statements: 0, statementChars: 0, libpgStatements: 0, libpgChars: 0, libpgPlpgsql: 0 };
  const { splitStatements } = await import('../../server/src/core/parse/sqlSplit');
  for (const file of sqlFiles(dir)) {
    for (const s of splitStatements(fs.readFileSync(file, 'utf8'), 'postgres')) {
      counts.statements++;
      counts.statementChars += s.text.length;
    }
  }
  // The same module object pg.ts requires once it loads the parser.
  const lib = require('libpg-query') as Record<string, (sql: string) => unknown>;
  const parseSync = lib.parseSync;
  const parsePlPgSQLSync = lib.parsePlPgSQLSync;
  lib.parseSync = (sql: string) => {
    counts.libpgStatements++;
    counts.libpgChars += sql.length;
    return parseSync(sql);
  };
  lib.parsePlPgSQLSync = (sql: string) => {
    counts.libpgPlpgsql++;
    return parsePlPgSQLSync(sql);
  };
  wrapFs(counts.fsCalls);
  const { main: cli } = await import('../../server/src/cli/main');
  const code = await cli(['check', dir, '--format', 'json', '--fail-on', 'never', '--jobs', '1'], {
    cwd: process.cwd(),
    stdout: () => undefined,
    stderr: (s) => process.stderr.write(s),
    isTty: false,
  });
  if (code !== 0) throw new Error(`check exited with ${code}`);
  for (const c of Object.values(counts.fsCalls)) {
    counts.fsTotal += c.calls;
    counts.fsMissing += c.missing;
  }
  process.stdout.write(`${JSON.stringify(counts)}\n`);
}

if (require.main === module) {
  main(path.resolve(process.argv[2] ?? '.')).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
