// LineIndex finds line starts two ways (indexOf when the text has no \r, a character loop otherwise);
// both must agree with a plain reading of the line-break rules on every kind of text.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/core/text';
import { Rng } from '../bench/rng';

/** Lines as LSP counts them: \r\n, \r and \n each end one. */
function expectedStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') starts.push(++i + 1);
    else if (text[i] === '\r' || text[i] === '\n') starts.push(i + 1);
  }
  return starts;
}

function startsOf(index: LineIndex): number[] {
  return Array.from({ length: index.lineCount }, (_, line) => index.lineStart(line));
}

test('line starts agree with the line-break rules, with and without carriage returns', () => {
  const rng = new Rng(20261124);
  const pieces = ['a', 'bc', ' ', '\n', '\r\n', '\r', '\n\n', 'é', '😀'];
  const texts = ['', '\n', '\r', '\r\n', 'x', 'x\n', '\nx', 'a\r\nb\rc\nd'];
  for (let n = 0; n < 2000; n++) {
    const unix = n % 2 === 0;
    let text = '';
    for (let k = rng.int(0, 30); k > 0; k--) {
      const piece = rng.pick(pieces);
      if (!(unix && piece.includes('\r'))) text += piece;
    }
    texts.push(text);
  }
  for (const text of texts) {
    const index = new LineIndex(text);
    assert.deepEqual(startsOf(index), expectedStarts(text), JSON.stringify(text));
    for (let line = 0; line < index.lineCount; line++) {
      assert.equal(index.offset({ line, character: 0 }), index.lineStart(line));
      assert.ok(!/[\r\n]/.test(index.lineText(line)), `line ${line} of ${JSON.stringify(text)} holds a break`);
    }
  }
});
