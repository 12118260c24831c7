// A private PostgreSQL server for tests: installed from Debian's `postgresql` package when missing,
// initialised in a temporary directory and started on a free loopback port with its own socket
// directory, as the `postgres` user when running as root. Every wait is bounded, and the server is
// stopped on process exit even when a test fails.

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const READER = { user: 'mg_reader', password: 'S3cret-pw-not-in-output' };

export interface PgServer {
  port: number;
  /** TCP URL for the read-only test user (password auth). */
  readerUrl: string;
  /** Superuser over the private socket (trust), for setting up and for the fault matrix. */
  adminConfig: { host: string; port: number; user: string; database: string };
  logFile: string;
  psql(sql: string): string;
  stop(): void;
}

const isRoot = process.getuid?.() === 0;

function run(cmd: string, args: string[], opts: { asPostgres?: boolean; timeoutMs?: number; input?: string } = {}): SpawnSyncReturns<string> {
  const [file, argv] = opts.asPostgres && isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  return spawnSync(file, argv, { encoding: 'utf8', timeout: opts.timeoutMs ?? 30_000, input: opts.input });
}

function check(r: SpawnSyncReturns<string>, what: string): string {
  if (r.status !== 0) throw new Error(`${what} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout || r.error?.message}`);
  return r.stdout;
}

/** The newest installed PostgreSQL's bin directory, installing the Debian package if there is none. */
export function postgresBin(): string {
  const find = () => {
    const root = '/usr/lib/postgresql';
    const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl'))) : [];
    const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
    return newest ? path.join(root, newest, 'bin') : undefined;
  };
  let bin = find();
  if (bin) return bin;
  if (!isRoot) throw new Error('PostgreSQL is not installed and these tests are not running as root: apt-get install postgresql');
  const install = () => run('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], { timeoutMs: 300_000 });
  if (install().status !== 0) {
    check(run('apt-get', ['update'], { timeoutMs: 300_000 }), 'apt-get update');
    check(install(), 'apt-get install postgresql');
  }
  bin = find();
  if (!bin) throw new Error('apt-get installed postgresql but no pg_ctl was found under /usr/lib/postgresql');
  return bin;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<PgServer> {
  const bin = postgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-pg-'));
  const data = path.join(dir, 'data');
  const sockets = path.join(dir, 'sock');
  const logFile = path.join(dir, 'server.log');
  const pwFile = path.join(dir, 'pw');
  fs.mkdirSync(sockets);
  fs.writeFileSync(pwFile, 'admin-pw\n');
  fs.writeFileSync(logFile, '');
  if (isRoot) check(run('chown', ['-R', 'postgres:postgres', dir]), 'chown');
  const port = await freePort();
  const stop = () => {
    run(path.join(bin, 'pg_ctl'), ['-D', data, 'stop', '-m', 'immediate', '-w', '-t', '10'], { asPostgres: true, timeoutMs: 15_000 });
    fs.rmSync(dir, { recursive: true, force: true });
    process.removeListener('exit', stop);
  };
  process.on('exit', stop);
  try {
    check(run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--pwfile', pwFile, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-sync'], { asPostgres: true, timeoutMs: 60_000 }), 'initdb');
    // log_statement=all with the application name in each line: the no-writes test reads it back.
    const settings = ['-p', String(port), '-k', sockets, '-c', 'listen_addresses=127.0.0.1', '-c', 'log_statement=all', '-c', "log_line_prefix=app=%a pid=%p ", '-c', 'fsync=off'];
    check(run(path.join(bin, 'pg_ctl'), ['-D', data, '-l', logFile, '-o', settings.map(quote).join(' '), '-w', '-t', '30', 'start'], { asPostgres: true, timeoutMs: 40_000 }), 'pg_ctl start');
  } catch (err) {
    stop();
    throw err;
  }
  const psql = (sql: string) =>
    check(run(path.join(bin, 'psql'), ['-h', sockets, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-X', '-q', '-At'], { asPostgres: true, input: sql }), 'psql');
  psql(`CREATE ROLE ${READER.user} LOGIN PASSWORD '${READER.password}';`);
  return {
    port,
    readerUrl: `postgresql://${READER.user}:${encodeURIComponent(READER.password)}@127.0.0.1:${port}/postgres`,
    adminConfig: { host: sockets, port, user: 'postgres', database: 'postgres' },
    logFile,
    psql,
    stop,
  };
}

function quote(arg: string): string {
  return /^[\w./=-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Statements the server logged for one application_name (log_statement=all). */
export function loggedStatements(logFile: string, application: string): string[] {
  const out: string[] = [];
  let current: string | undefined;
  for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
    const m = /^app=(\S*) pid=\d+ (?:LOG|STATEMENT):\s+(?:statement|execute [^:]*):\s(.*)$/.exec(line);
    if (m) {
      current = m[1] === application ? m[2] : undefined;
      if (current !== undefined) out.push(current);
    } else if (/^\s/.test(line) && current !== undefined) {
      out[out.length - 1] += `\n${line}`;
    } else current = undefined;
  }
  return out;
}
