import { main } from './main';

// A timer keeps the event loop alive while the command runs. Node waits for every pending V8 background
// task (a WebAssembly function's optimising compile among them, ~150 ms for libpg-query's parser) each
// time the loop runs empty, and an await on WebAssembly compilation or a yielding loop can leave it empty.
const keepAlive = setInterval(() => undefined, 1 << 30);

main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTty: process.stdout.isTTY === true,
}).then(
  (code) => finish(code),
  (err: unknown) => {
    process.stderr.write(`migration-guard: internal error: ${String(err)}\n`);
    finish(2);
  },
);

/** Exits once the output is flushed, without waiting for background compiles whose code nothing will run. */
function finish(code: number): void {
  clearInterval(keepAlive);
  process.exitCode = code;
  let pending = 2;
  const done = () => --pending === 0 && process.exit(code);
  process.stdout.write('', done);
  process.stderr.write('', done);
}
