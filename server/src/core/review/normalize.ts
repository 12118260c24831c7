// The content a sign-off is bound to. Editors and git differ in line endings and trailing whitespace
// (autocrlf, "trim trailing whitespace on save"); neither changes what a migration does, so neither may
// invalidate a review. Everything else does.

import { createHash } from 'node:crypto';

/** CRLF and CR become LF, trailing whitespace goes from every line, trailing blank lines and a BOM go. */
export function normalizeContent(text: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r\n|\r|\n/).map((line) => line.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** sha256 (hex) of the normalised content, as UTF-8. */
export function contentHash(text: string): string {
  return createHash('sha256').update(normalizeContent(text), 'utf8').digest('hex');
}
