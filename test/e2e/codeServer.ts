// code-server (a real VS Code: server + browser workbench) as the host for the e2e tests: install the
// packaged .vsix into a throwaway extensions dir, then serve on 127.0.0.1 with a port the OS picks.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bounded, poll } from './wait';

export interface Dirs {
  userData: string;
  extensions: string;
  /** XDG_CONFIG_HOME / XDG_DATA_HOME: code-server writes a config.yaml there; keep it out of $HOME. */
  xdg: string;
}

export interface Server {
  port: number;
  stop(): Promise<void>;
}

/** The environment code-server and its extension host get: ours, minus what a surrounding VS Code set. */
function serverEnv(dirs: Dirs, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('VSCODE_') && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
  }
  return { ...env, XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'), XDG_DATA_HOME: path.join(dirs.xdg, 'data'), ...extra };
}

function run(bin: string, args: string[], env: NodeJS.ProcessEnv, log: fs.WriteStream, timeoutMs: number): Promise<void> {
  const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} ${args.join(' ')} exited with ${code}`))));
  });
  return bounded(done, timeoutMs, `${path.basename(bin)} ${args[0]}`).catch((err: unknown) => {
    child.kill('SIGKILL');
    throw err;
  });
}

/** Installs the .vsix the way a user would and returns the folder it was unpacked into. */
export async function installVsix(bin: string, vsix: string, dirs: Dirs, log: fs.WriteStream): Promise<string> {
  const args = ['--install-extension', vsix, '--force', '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData];
  await run(bin, args, serverEnv(dirs, {}), log, 120_000);
  const manifest = JSON.parse(fs.readFileSync(path.join(dirs.extensions, 'extensions.json'), 'utf8')) as { relativeLocation: string }[];
  if (manifest.length !== 1) throw new Error(`expected exactly one installed extension, found ${manifest.length}`);
  return path.join(dirs.extensions, manifest[0]!.relativeLocation);
}

/**
 * VS Code settings that keep the first start quiet: no welcome page, no trust prompt, no telemetry.
 * `restricted`: workspace trust is on, nothing is trusted yet and nobody is asked, so the folder opens
 * in Restricted Mode (a fresh user-data dir has no trusted folders).
 */
export function writeUserSettings(dirs: Dirs, restricted = false): void {
  const trust = restricted
    ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.untrustedFiles': 'open', 'security.workspace.trust.banner': 'always' }
    : { 'security.workspace.trust.enabled': false };
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    ...trust,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'files.autoSave': 'off',
  };
  const dir = path.join(dirs.userData, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

/** Kills the whole process group (code-server forks its server and extension hosts). */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (s: NodeJS.Signals) => {
    try { process.kill(-child.pid!, s); } catch { /* already gone */ }
  };
  signal('SIGTERM');
  await bounded(exited, 5_000, 'code-server to stop').catch(() => signal('SIGKILL'));
}

export async function startServer(bin: string, dirs: Dirs, env: Record<string, string>, log: fs.WriteStream, restricted = false): Promise<Server> {
  const args = [
    '--bind-addr', '127.0.0.1:0', // port 0: the OS picks a free one; we read it from the log line
    '--auth', 'none',
    '--disable-telemetry', '--disable-update-check',
    ...(restricted ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
  ];
  const child = spawn(bin, args, { env: serverEnv(dirs, env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const collect = (chunk: Buffer) => { output += chunk.toString(); log.write(chunk); };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  let exitCode: number | null = null;
  child.on('exit', (code) => { exitCode = code ?? -1; });
  try {
    const port = await poll('code-server to listen', () => {
      if (exitCode !== null) throw new Error(`code-server exited with ${exitCode} before listening:\n${output}`);
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      return m ? Number(m[1]) : undefined;
    }, 60_000);
    return { port, stop: () => stopGroup(child) };
  } catch (err) {
    await stopGroup(child);
    throw err;
  }
}
