// Glob patterns for the editor's include/exclude settings, matched against workspace-relative paths with
// forward slashes. VS Code's own glob syntax: `*` and `?` within a segment, `**` across segments, `{a,b}`
// alternatives and `[...]` character classes.

export function globToRegExp(glob: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slashAfter = glob[i + 2] === '/';
      // `**/` also matches no folder at all, so `**/x.sql` matches a top-level x.sql.
      re += slashAfter ? '(?:[^/]*(?:/|$))*' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (c === '*') {
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) {
      re += '|';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) {
        re += '\\[';
      } else {
        re += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else {
      re += c.replace(/[.+^$()|\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}

/** Whether a relative path matches any of the globs; invalid patterns match nothing. */
export function matchesAny(relativePath: string, globs: readonly string[]): boolean {
  const p = relativePath.replace(/\\/g, '/');
  return globs.some((g) => {
    try {
      return globToRegExp(g.replace(/^\.\//, '')).test(p);
    } catch {
      return false;
    }
  });
}
