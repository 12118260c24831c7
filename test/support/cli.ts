// The CLI run in process, as the tests call it: its exit code and everything it printed.
import { main } from '../../server/src/cli/main';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** `migration-guard <args>` in `cwd`; `env` replaces the process's environment when given. */
export async function runCli(args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd, stdout: (s) => (out += s), stderr: (s) => (err += s), isTty: false, ...(env ? { env } : {}) });
  return { code, out, err };
}
