// The review sidebar's script. It renders what the extension sends (render.ts), keeps what the reviewer
// typed in the webview state (getState/setState), so hiding the view or reloading it loses nothing, and
// turns clicks into the typed messages of messages.ts. No inline handlers: the CSP allows only this file.

import type { ParityView, ReviewAnswers, ReviewState } from '../../server/src/protocol';
import { parseToWebview, type Notice, type ToExtension } from '../src/sidebar/messages';
import { countText, renderView } from './render';

interface VsCodeApi {
  postMessage(message: ToExtension): void;
  getState(): unknown;
  setState(state: PersistedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface PersistedState {
  review: ReviewState | null;
  reason?: string;
  loading?: boolean;
  parity?: ParityView;
  /** By migration URI: a reviewer's answers stay with the migration they were given for. */
  answers: Record<string, ReviewAnswers>;
  /** Reasons being typed, by migration URI and 0-based line. */
  drafts: Record<string, Record<number, string>>;
  filter: string;
}

const vscode = acquireVsCodeApi();
const root = document.getElementById('migration-guard-review') as HTMLElement;
let state: PersistedState = restore(vscode.getState());
let notice: Notice | undefined;
/** The sign-off state when the notice arrived: "Signed off" must not outlive the sign-off it reported. */
let noticeSignOff: string | undefined;
let busy = false;

function restore(saved: unknown): PersistedState {
  const s = (typeof saved === 'object' && saved !== null ? saved : {}) as Partial<PersistedState>;
  return { review: s.review ?? null, reason: s.reason, parity: s.parity, answers: s.answers ?? {}, drafts: s.drafts ?? {}, filter: typeof s.filter === 'string' ? s.filter : '' };
}

function uri(): string {
  return state.review?.uri ?? '';
}

function answers(): ReviewAnswers {
  return state.answers[uri()] ?? state.review?.answers ?? {};
}

function setAnswers(next: ReviewAnswers): void {
  state.answers[uri()] = next;
  vscode.setState(state);
}

function render(): void {
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  const focusId = focused?.id;
  const wasAcknowledging = !!focused?.closest('.op');
  const selection = focused instanceof HTMLInputElement ? [focused.selectionStart, focused.selectionEnd] : undefined;
  root.innerHTML = renderView({ review: state.review, reason: state.reason, loading: state.loading, parity: state.parity, answers: answers(), drafts: state.drafts[uri()] ?? {}, filter: state.filter, notice, busy });
  root.setAttribute('aria-busy', String(busy));
  const again = focusId ? document.getElementById(focusId) : null;
  if (again) {
    again.focus();
    if (again instanceof HTMLInputElement && selection && again.type === 'text') again.setSelectionRange(selection[0], selection[1]);
  } else if (wasAcknowledging) {
    // The operation just acknowledged lost its controls: carry on with the next one.
    (root.querySelector<HTMLElement>('.op[data-acknowledged="false"] input.reason') ?? root.querySelector<HTMLElement>('#sign-off'))?.focus();
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseToWebview(event.data);
  if (!message) return;
  switch (message.type) {
    case 'review':
      // Another migration: the last one's parity and messages do not apply to it.
      if (message.review?.uri !== uri()) {
        notice = undefined;
        state.parity = undefined;
      } else if (notice?.kind === 'info' && message.review?.signOff.state !== noticeSignOff) {
        notice = undefined;
      }
      state.review = message.review;
      state.reason = message.reason;
      state.loading = message.loading === true;
      if (message.parity) state.parity = message.parity;
      break;
    case 'notice':
      notice = message.notice;
      noticeSignOff = state.review?.signOff.state;
      break;
    case 'busy':
      busy = message.busy;
      break;
  }
  vscode.setState(state);
  render();
  // Notices sit at the top; the action that caused one may be far below.
  if (message.type === 'notice') root.querySelector('.notice')?.scrollIntoView({ block: 'nearest' });
});

root.addEventListener('click', (event) => {
  const target = (event.target as HTMLElement).closest<HTMLElement>('[data-action]');
  if (!target || (target instanceof HTMLButtonElement && target.disabled)) return;
  // A new action: the last one's message has served its purpose.
  notice = undefined;
  const line = Number(target.dataset.line);
  switch (target.dataset.action) {
    case 'reveal':
      vscode.postMessage({ type: 'reveal', line });
      break;
    case 'acknowledge': {
      const input = document.getElementById(`reason-${line}`) as HTMLInputElement | null;
      const reason = input?.value.trim() ?? '';
      if (!reason) {
        notice = { kind: 'error', text: 'Type the reason first: an acknowledgement without one counts for nothing.' };
        render();
        input?.focus();
        return;
      }
      delete state.drafts[uri()]?.[line];
      vscode.setState(state);
      vscode.postMessage({ type: 'acknowledge', line, reason });
      break;
    }
    case 'sign-off':
      vscode.postMessage({ type: 'signOff', answers: answers() });
      break;
    case 'prevent-unmapped-drops':
      vscode.postMessage({ type: 'preventUnmappedDrops' });
      break;
    case 'rehearse':
      vscode.postMessage({ type: 'rehearse' });
      break;
    case 'generate-model':
      vscode.postMessage({ type: 'generateModel', table: target.dataset.table ?? '', ...(target.dataset.schema ? { schema: target.dataset.schema } : {}) });
      break;
  }
});

root.addEventListener('keydown', (event) => {
  // Enter in a reason field acknowledges, as the button next to it would.
  const input = event.target as HTMLElement;
  if (event.key === 'Enter' && input instanceof HTMLInputElement && input.classList.contains('reason')) {
    event.preventDefault();
    document.getElementById(`ack-${input.dataset.line}`)?.click();
  }
});

root.addEventListener('input', (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement)) return;
  if (input.classList.contains('reason')) {
    (state.drafts[uri()] ??= {})[Number(input.dataset.line)] = input.value;
    vscode.setState(state);
  } else if (input.dataset.filter !== undefined) {
    state.filter = input.value;
    vscode.setState(state);
    applyFilter();
  } else if (input.dataset.answer) {
    updateAnswer(input);
  }
});

function updateAnswer(input: HTMLInputElement): void {
  const a = { ...answers() };
  switch (input.dataset.answer) {
    case 'live-schema':
      a.liveSchema = input.checked;
      break;
    case 'tested':
      a.tested = { ...a.tested, checked: input.checked };
      break;
    case 'tested-note':
      a.tested = { checked: a.tested?.checked ?? false, note: input.value };
      break;
    case 'stakeholder':
      a.stakeholder = { ...a.stakeholder, checked: input.checked };
      break;
    case 'stakeholder-name':
      a.stakeholder = { checked: a.stakeholder?.checked ?? false, name: input.value };
      break;
  }
  setAnswers(a);
  // A ticked box changes the item's text; a typed character must not move the focus.
  if (input.type === 'checkbox') render();
}

/** Filtering hides rows in place, so the filter field keeps its focus while the reviewer types. */
function applyFilter(): void {
  const needle = state.filter.trim().toLowerCase();
  for (const details of root.querySelectorAll<HTMLElement>('details.category')) {
    const items = [...details.querySelectorAll<HTMLElement>('li[data-filter-text]')];
    let shown = 0;
    for (const li of items) {
      const match = needle === '' || (li.dataset.filterText ?? '').includes(needle);
      li.hidden = !match;
      if (match) shown++;
    }
    const count = details.querySelector<HTMLElement>('[data-count]');
    if (count) count.textContent = countText(shown, items.length);
  }
}

render();
vscode.postMessage({ type: 'ready' });
