// Entry of out/cli.js and out/cliWorker.js: each runs the bundle named after it (out/cli.main.js,
// out/cliWorker.main.js) from V8's code cache.
import { runBundle } from './codeCache';

runBundle(__filename.replace(/\.js$/, '.main.js'), module, require);
