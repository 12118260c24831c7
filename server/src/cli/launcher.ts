// Entry of out/cli.js and out/cliWorker.js: each runs the bundle named after it (out/cli.main.js,
// out/cliWorker.main.js) from V8's code cache.
import { setFlagsFromString } from 'node:v8';
import { runBundle } from './codeCache';

// V8 optimises a function once it has run a budget of bytecode; a check of a few thousand files is over
// in a second or so, and at V8's default budget its optimising compiler spent more CPU on functions that
// were then hardly called again than the optimised code saved. Four times the default (66 KiB) cut the
// CPU of a run by about 30% on the real-migration corpus and 15% on the bench workspace, and the wall
// time by 8-20% (README, Performance). Set before the bundle compiles, so its code cache is named for it
// (codeCache.ts); it changes speed, never results.
setFlagsFromString('--interrupt-budget=270336');

runBundle(__filename.replace(/\.js$/, '.main.js'), module, require);
