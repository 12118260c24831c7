// What a database URL may not decide. `pg` copies every query parameter of the URL over the options it
// is given (`?statement_timeout=60000`, `?query_timeout=0`, `?options=-c default_transaction_read_only=off`),
// so a URL from DATABASE_URL or alembic.ini would loosen the timeouts and the read-only mode Migration
// Guard sets on every session, and its messages would then name a timeout that never applied. The URL
// loses those parameters here, before `pg` sees it; everything else it says (host, ssl, search_path...)
// stays.

/** Server settings every session gets from Migration Guard itself (pg.ts). */
const SESSION_SETTINGS = new Set(['statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout', 'default_transaction_read_only', 'transaction_read_only']);
/** Timeouts `pg` itself reads from the URL's query. */
const DRIVER_TIMEOUTS = new Set(['query_timeout', 'connect_timeout', 'connectiontimeoutmillis']);

export interface SessionUrl {
  /** The URL without the parameters that Migration Guard decides. */
  url: string;
  /** The URL's `options` without the settings Migration Guard decides: other `-c name=value` stay. */
  options: string[];
  /** What was dropped, by name (never by value), in the order the URL had them. */
  ignored: string[];
}

export function sessionUrl(raw: string): SessionUrl {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    // `pg` cannot parse it either and reports it as it connects.
    return { url: raw, options: [], ignored: [] };
  }
  const ignored = new Set<string>();
  const options: string[] = [];
  const dropped: string[] = [];
  for (const [key, value] of u.searchParams) {
    const name = key.toLowerCase();
    if (name === 'options') {
      const split = splitOptions(value);
      options.push(...split.kept);
      for (const s of split.ignored) ignored.add(`options -c ${s}`);
      dropped.push(key);
    } else if (SESSION_SETTINGS.has(name) || DRIVER_TIMEOUTS.has(name)) {
      ignored.add(key);
      dropped.push(key);
    }
  }
  if (dropped.length === 0) return { url: raw, options, ignored: [] };
  for (const key of dropped) u.searchParams.delete(key);
  return { url: u.toString(), options, ignored: [...ignored] };
}

/** One sentence for stderr or the editor's log (after the tool's name); undefined when nothing was ignored. */
export function ignoredOptionsMessage(ignored: readonly string[]): string | undefined {
  if (ignored.length === 0) return undefined;
  return `ignoring ${ignored.join(', ')} in the database URL: Migration Guard's own connect and statement timeouts and its read-only mode always apply.`;
}

/**
 * Splits a libpq `options` value (postgres command-line switches separated by unescaped whitespace, a
 * backslash escaping the next character) into the switches kept and the names of the settings dropped.
 * Read once, character by character.
 */
function splitOptions(value: string): { kept: string[]; ignored: string[] } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\' && i + 1 < value.length) {
      word += ch + value[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  const kept: string[] = [];
  const ignored: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    // `-c name=value`, `-cname=value` and `--name=value` all set a server setting.
    const setting = w === '-c' ? words[++i] : w.startsWith('--') ? w.slice(2) : w.startsWith('-c') ? w.slice(2) : undefined;
    if (setting === undefined) {
      kept.push(w);
      continue;
    }
    const name = setting.split('=')[0].toLowerCase().replace(/-/g, '_');
    if (SESSION_SETTINGS.has(name)) ignored.push(name);
    else kept.push(`-c ${setting}`);
  }
  return { kept, ignored };
}
