// The one place where core offsets (UTF-16 code units into the analysed text) become LSP positions and back.
// LSP's default position encoding is UTF-16 as well, so only lines have to be counted.

import type { Position, Range } from 'vscode-languageserver/node';
import type { Range as OffsetRange } from '../core/ops';
import type { LineIndex } from '../core/text';

export function toLspRange(index: LineIndex, range: OffsetRange): Range {
  return { start: index.position(range.start), end: index.position(range.end) };
}

export function toOffset(index: LineIndex, position: Position): number {
  return index.offset(position);
}
