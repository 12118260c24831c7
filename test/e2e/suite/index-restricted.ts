// Entry point for the second window, opened in Restricted Mode (workspace trust on, folder not trusted):
// VS Code loads it through extensionTestsPath like index.ts.
import { runAll } from './harness';
import './restricted.e2e';

export function run(): Promise<void> {
  return runAll();
}
