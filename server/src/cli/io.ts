export interface CliIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTty: boolean;
  /** Environment for DATABASE_URL; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}
