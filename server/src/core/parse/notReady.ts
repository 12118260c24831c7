// The wasm parsers (libpg-query, tree-sitter) are needed only for what the JavaScript fast paths decline,
// so the CLI loads each one when a text first needs it: analysis runs with the parsers loaded so far, and
// a text that needs a missing one is analysed again from scratch once it is loaded.

export type WasmParser = 'postgres' | 'python';

/**
 * Thrown when a text needs a wasm parser that is not loaded. Code that turns parse errors into findings
 * lets it through, so that nothing computed without the parser is kept (the history caches among them).
 */
export class ParserNotReady extends Error {
  constructor(readonly parser: WasmParser) {
    super(`the ${parser === 'postgres' ? 'PostgreSQL' : 'Python'} parser is not loaded`);
    this.name = 'ParserNotReady';
  }
}

// Every parser found missing since the innermost attempt() began, even when a catch on the way swallowed
// the error: a result is only kept when nothing was missing.
let missed = new Set<WasmParser>();

export function parserNotReady(parser: WasmParser): ParserNotReady {
  missed.add(parser);
  return new ParserNotReady(parser);
}

export type Attempt<T> = { value: T; missing?: undefined } | { value?: undefined; missing: WasmParser[] };

/** Runs synchronous, side-effect-free work with the parsers loaded so far: its value, or the parsers it lacked. */
export function attempt<T>(work: () => T): Attempt<T> {
  const outer = missed;
  missed = new Set();
  try {
    const value = work();
    return missed.size === 0 ? { value } : { missing: [...missed] };
  } catch (err) {
    if (missed.size === 0) throw err;
    return { missing: [...missed] };
  } finally {
    for (const parser of missed) outer.add(parser);
    missed = outer;
  }
}
