// Entry point VS Code loads through extensionTestsPath: it calls run() in the extension host and
// reports the outcome (rejected = failed) to the browser through codeAutomationExit.
import { runAll } from './harness';
import './guard.e2e';
import './review.e2e';
import './walkthrough.e2e';
import './generateModel.e2e';

export function run(): Promise<void> {
  return runAll();
}
