// The messages between the review sidebar's webview and the extension, and their validators. Imported
// by both sides (the webview bundle and the extension), so it uses neither the vscode API nor the DOM.
// Whatever arrives through postMessage is checked here before anything acts on it: a webview is a page,
// and a page's messages are untrusted input.

import type { ParityView, ReviewAnswers, ReviewState } from '../../../server/src/protocol';

/** Webview -> extension. */
export type ToExtension =
  | { type: 'ready' }
  /** Show a 0-based line of the reviewed migration in its editor. */
  | { type: 'reveal'; line: number }
  | { type: 'acknowledge'; line: number; reason: string }
  | { type: 'signOff'; answers: ReviewAnswers }
  | { type: 'generateModel'; table: string; schema?: string }
  /** Add Alembic's include_object hook to env.py (the parity panel's button). */
  | { type: 'preventUnmappedDrops' }
  /** Run the migration up and down on a scratch database (the "tested" item's button). */
  | { type: 'rehearse' }
  | { type: 'refresh' };

export interface Notice {
  kind: 'info' | 'error';
  text: string;
}

/** Extension -> webview. `review` null: no migration is open. */
export type ToWebview =
  | { type: 'review'; review: ReviewState | null; parity?: ParityView; reason?: string; loading?: boolean }
  | { type: 'notice'; notice: Notice }
  | { type: 'busy'; busy: boolean };

const MAX_TEXT = 500;
const MAX_NAME = 200;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isLine(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 10_000_000;
}

function shortText(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length <= max;
}

function parseAnswers(v: unknown): ReviewAnswers | undefined {
  if (!isObject(v)) return undefined;
  const out: ReviewAnswers = {};
  if (v.liveSchema !== undefined) {
    if (typeof v.liveSchema !== 'boolean') return undefined;
    out.liveSchema = v.liveSchema;
  }
  if (v.tested !== undefined) {
    const t = v.tested;
    if (!isObject(t) || typeof t.checked !== 'boolean' || (t.note !== undefined && !shortText(t.note, MAX_TEXT))) return undefined;
    out.tested = t.note === undefined ? { checked: t.checked } : { checked: t.checked, note: t.note as string };
  }
  if (v.stakeholder !== undefined) {
    const s = v.stakeholder;
    if (!isObject(s) || typeof s.checked !== 'boolean' || (s.name !== undefined && !shortText(s.name, MAX_NAME))) return undefined;
    out.stakeholder = s.name === undefined ? { checked: s.checked } : { checked: s.checked, name: s.name as string };
  }
  return out;
}

/** A message from the webview, or undefined when it is not one the extension understands. */
export function parseToExtension(data: unknown): ToExtension | undefined {
  if (!isObject(data)) return undefined;
  switch (data.type) {
    case 'ready':
    case 'refresh':
    case 'preventUnmappedDrops':
    case 'rehearse':
      return { type: data.type };
    case 'reveal':
      return isLine(data.line) ? { type: 'reveal', line: data.line } : undefined;
    case 'acknowledge':
      return isLine(data.line) && shortText(data.reason, MAX_TEXT) && data.reason.trim() !== '' ? { type: 'acknowledge', line: data.line, reason: data.reason } : undefined;
    case 'signOff': {
      const answers = parseAnswers(data.answers);
      return answers ? { type: 'signOff', answers } : undefined;
    }
    case 'generateModel':
      if (!shortText(data.table, MAX_NAME) || data.table === '' || (data.schema !== undefined && !shortText(data.schema, MAX_NAME))) return undefined;
      return data.schema === undefined ? { type: 'generateModel', table: data.table } : { type: 'generateModel', table: data.table, schema: data.schema as string };
    default:
      return undefined;
  }
}

/**
 * A message from the extension. The extension is trusted, but a malformed message must not break the
 * page: only the envelope and the fields the page reads first are checked.
 */
export function parseToWebview(data: unknown): ToWebview | undefined {
  if (!isObject(data)) return undefined;
  switch (data.type) {
    case 'review': {
      const review = data.review;
      if (review !== null && !(isObject(review) && typeof review.uri === 'string' && Array.isArray(review.checklist) && Array.isArray(review.operations))) return undefined;
      if (data.parity !== undefined && !(isObject(data.parity) && typeof data.parity.available === 'boolean')) return undefined;
      if (data.loading !== undefined && typeof data.loading !== 'boolean') return undefined;
      return data as ToWebview;
    }
    case 'notice': {
      const n = data.notice;
      return isObject(n) && (n.kind === 'info' || n.kind === 'error') && typeof n.text === 'string' ? { type: 'notice', notice: { kind: n.kind, text: n.text } } : undefined;
    }
    case 'busy':
      return typeof data.busy === 'boolean' ? { type: 'busy', busy: data.busy } : undefined;
    default:
      return undefined;
  }
}
