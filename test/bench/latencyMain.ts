/**
 * Entry point of the latency measurement when it runs on bundled code (latencyBundled.ts): prints the result as JSON on stdout.
 */
import { measureLatency } from './latency';

measureLatency().then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
