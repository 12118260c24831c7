// Every handler runs through here: a bug or a pathological file must cost one answer, never the server.
// The error goes to the client's output channel and the request gets an empty answer.

import type { Connection } from 'vscode-languageserver/node';

export function guarded<P extends unknown[], R>(connection: Connection, method: string, fallback: () => NoInfer<R>, handler: (...args: P) => R | Promise<R>): (...args: P) => Promise<R> {
  return async (...args: P) => {
    try {
      return await handler(...args);
    } catch (err) {
      connection.console.error(`Migration Guard: ${method} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return fallback();
    }
  };
}
