// One line of an INI file (alembic.ini, configparser's `key = value` and `key: value`), read without
// regular expressions: a `/\s*(.*?)\s*$/` over a line of 80,000 spaces takes seconds.

export type IniLine = { section: string } | { key: string; value: string } | undefined;

export function readIniLine(line: string): IniLine {
  const t = line.trim();
  if (t.startsWith('[') && t.endsWith(']') && t.length > 2 && !t.slice(1, -1).includes(']')) return { section: t.slice(1, -1).trim() };
  if (t === '' || '=:#;'.includes(t[0])) return undefined;
  const eq = t.indexOf('=');
  const colon = t.indexOf(':');
  const at = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
  if (at < 0) return undefined;
  return { key: t.slice(0, at).trimEnd(), value: t.slice(at + 1).trim() };
}

/** A key's value in an INI section (the first one); any section when `section` is undefined. */
export function iniValue(text: string, section: string | undefined, key: string): string | undefined {
  let current = '';
  for (const line of text.split(/\r?\n/)) {
    const read = readIniLine(line);
    if (read && 'section' in read) current = read.section;
    else if (read && (section === undefined || current === section) && read.key === key) return read.value;
  }
  return undefined;
}
