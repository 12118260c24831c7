import { attempt, type WasmParser } from './notReady';
import { initPgParser } from './pg';
import { initPythonParser } from './python';

export function loadParser(parser: WasmParser): Promise<void> {
  return parser === 'postgres' ? initPgParser() : initPythonParser();
}

/**
 * Runs synchronous, side-effect-free work with the parsers loaded so far; when it needed one that was
 * not, loads it and runs the work again from scratch.
 */
export async function withParsersLoaded<T>(work: () => T): Promise<T> {
  for (let round = 0; ; round++) {
    const result = attempt(work);
    if (!result.missing) return result.value;
    // Each round loads what the one before lacked, and there are two parsers.
    if (round === 2) throw new Error(`the ${result.missing.join(' and ')} parser is still missing after loading`);
    await Promise.all(result.missing.map(loadParser));
  }
}
