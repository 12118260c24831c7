// The review sidebar as HTML, from the state the extension sent and what the reviewer entered. Pure
// string building (no DOM), so it is unit-tested in node; every value is escaped, because migrations,
// table names and reasons come from the repository. Controls are native buttons, inputs and
// details/summary, so the page works from the keyboard; ids are stable, so focus survives a re-render.

import type { DatabaseStatus, ParityView, ParityViewModel, ParityViewTable, ReviewAnswers, ReviewChecklistItem, ReviewLiveData, ReviewOperation, ReviewState, ReviewTable } from '../../server/src/protocol';
import type { Notice } from '../src/sidebar/messages';

export interface ViewModel {
  review: ReviewState | null;
  /** Shown when there is no review: why. */
  reason?: string;
  /** The language server is starting: the review is on its way, whatever the file is. */
  loading?: boolean;
  parity?: ParityView;
  answers: ReviewAnswers;
  /** Reasons being typed, by 0-based line. */
  drafts: Record<number, string>;
  filter: string;
  notice?: Notice;
  busy: boolean;
}

export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Escaped, with a break opportunity after each path separator, so a narrow sidebar wraps paths there and not mid-word. */
export function escPath(value: string): string {
  return esc(value).replace(/\//g, '/<wbr>');
}

function icon(name: string, cls = ''): string {
  return `<span class="codicon codicon-${name}${cls ? ` ${cls}` : ''}" aria-hidden="true"></span>`;
}

export function renderView(m: ViewModel): string {
  const notice = m.notice ? `<div class="notice ${m.notice.kind}" role="${m.notice.kind === 'error' ? 'alert' : 'status'}">${icon(m.notice.kind === 'error' ? 'error' : 'info')}<span>${esc(m.notice.text)}</span></div>` : '';
  if (m.loading) return `${notice}<p class="empty" data-state="loading">${icon('loading', 'codicon-modifier-spin')}<span>Starting Migration Guard...</span></p>`;
  if (!m.review || !m.review.isMigration) {
    const text = m.reason ?? (m.review ? 'This file is not a migration Migration Guard checks. Open an Alembic, Django or SQL migration to review it.' : 'Open a migration file to review it.');
    // Parity is about the project, not the file: it stays, with Generate model, beside a model file too.
    return `${notice}<p class="empty">${icon('info')}<span>${esc(text)}</span></p>${m.review ? parity(m.parity, m.filter) : ''}`;
  }
  const r = m.review;
  return [
    notice,
    header(r),
    r.ledgerError ? `<div class="notice error" role="alert">${icon('error')}<span>${esc(r.ledgerError)}</span></div>` : '',
    checklist(r.checklist, m.answers, m.busy),
    operations(r.operations, m.drafts),
    liveData(r.liveData),
    signOff(r, m.busy),
    tables(r.tables),
    parity(m.parity, m.filter),
  ].join('');
}

function header(r: ReviewState): string {
  const name = r.path.split('/').pop() ?? r.path;
  const s = r.signOff;
  const when = s.signedAt ? s.signedAt.slice(0, 10) : '';
  const status =
    s.state === 'valid'
      ? `${icon('verified-filled', 'ok')}<span>Signed off by ${esc(s.signedBy)} on ${esc(when)}.</span>`
      : s.state === 'stale'
        ? `${icon('warning', 'warn')}<span>Changed since ${esc(s.signedBy)} signed it off on ${esc(when)}: the sign-off no longer applies.</span>`
        : r.needsReview
          ? `${icon('circle-large-outline')}<span>Not signed off yet. It destroys data, so <code>check --require-review</code> needs a sign-off.</span>`
          : r.applied
            ? `${icon('circle-large-outline')}<span>Not signed off. It has already run, so no sign-off is required.</span>`
            : `${icon('circle-large-outline')}<span>Not signed off. It destroys no data, so no sign-off is required.</span>`;
  return `<header><h2 class="file" title="${esc(r.path)}">${icon('file-code')} ${esc(name)}</h2><p class="path">${escPath(r.path)}</p><p id="sign-off-status" class="status" data-state="${esc(s.state)}">${status}</p>${applied(r)}${database(r.database)}</header>`;
}

/** A migration that has already run: its findings are history, shown as hints. */
function applied(r: ReviewState): string {
  const a = r.applied;
  if (!a) return '';
  const where = a.fromDatabase ? `Applied on production${a.at ? ` on ${a.at}` : ''} (${a.source})` : `Recorded as applied in ${a.source}`;
  return `<p id="applied" class="applied">${icon('history')}<span>${esc(where)}: it has already run and cannot be changed, so its findings are history.</span></p>`;
}

function database(d: DatabaseStatus): string {
  const text =
    d.state === 'ready'
      ? `${icon('database')}<span>Database: ${esc(d.description ?? '')}</span>`
      : d.state === 'loading'
        ? `${icon('loading', 'codicon-modifier-spin')}<span>Reading the database...</span>`
        : `${icon(d.state === 'error' ? 'warning' : 'database', d.state === 'error' ? 'warn' : '')}<span>${esc(d.message ?? 'No database.')}</span>`;
  return `<p class="database" data-state="${esc(d.state)}">${text}</p>`;
}

function checklist(items: ReviewChecklistItem[], answers: ReviewAnswers, busy: boolean): string {
  const rows = items.map((item) => (item.state === 'manual' ? manualItem(item, answers, busy) : autoItem(item, busy)));
  return `<section aria-labelledby="h-checklist"><h3 id="h-checklist">Checklist</h3><ul class="checklist">${rows.join('')}</ul></section>`;
}

/** "Tested": the tool ticks it when a rehearsal ran to the end; again after an edit, or the first time. */
function rehearseButton(item: ReviewChecklistItem, busy: boolean): string {
  if (item.id !== 'tested') return '';
  const label = item.state === 'auto-checked' ? 'Rehearse again' : 'Rehearse';
  return `<p class="detail">Runs the migration up and down on an embedded PostgreSQL and ticks this when both run to the end. Saves the file first.</p><button type="button" id="rehearse" data-action="rehearse"${busy ? ' disabled' : ''}>${icon('beaker')} ${label}</button>`;
}

function autoItem(item: ReviewChecklistItem, busy: boolean): string {
  const ok = item.state === 'auto-checked';
  const mark = ok ? icon('pass-filled', 'ok') : icon('circle-large-outline', 'open');
  return `<li class="item" data-id="${esc(item.id)}" data-state="${esc(item.state)}">${mark}<div><span class="label">${esc(item.label)}</span> <span class="tag">${ok ? 'checked by Migration Guard' : 'automatic'}</span><span class="visually-hidden">${ok ? ', done' : ', not done'}</span><p class="detail">${esc(item.detail)}</p>${rehearseButton(item, busy)}</div></li>`;
}

function manualItem(item: ReviewChecklistItem, answers: ReviewAnswers, busy: boolean): string {
  const id = `answer-${item.id}`;
  const checked = item.id === 'tested' ? answers.tested?.checked : item.id === 'stakeholder' ? answers.stakeholder?.checked : answers.liveSchema;
  const extra =
    item.id === 'tested'
      ? textInput(`${id}-note`, 'tested-note', answers.tested?.note ?? '', 'Where, e.g. staging on 2 May (optional)', 'Where it was tested (optional)')
      : item.id === 'stakeholder'
        ? textInput(`${id}-name`, 'stakeholder-name', answers.stakeholder?.name ?? '', 'Name of the person who agreed', 'Who confirmed the data loss')
        : '';
  const detail = item.id === 'stakeholder' && checked && !answers.stakeholder?.name?.trim() ? 'Add the name of the person who confirmed it; without one it is not counted.' : item.detail;
  return `<li class="item manual" data-id="${esc(item.id)}" data-state="manual"><input type="checkbox" id="${id}" data-answer="${esc(item.id)}"${checked ? ' checked' : ''}><div><label for="${id}" class="label">${esc(item.label)}</label> <span class="tag">you check this</span><p class="detail">${esc(detail)}</p>${extra}${rehearseButton(item, busy)}</div></li>`;
}

function textInput(id: string, answer: string, value: string, placeholder: string, label: string): string {
  return `<input type="text" class="text" id="${id}" data-answer="${answer}" value="${esc(value)}" placeholder="${esc(placeholder)}" aria-label="${esc(label)}" maxlength="200">`;
}

const VERBS: Record<string, string> = {
  'drop-table': 'Drops table',
  'drop-column': 'Drops column',
  'drop-schema': 'Drops',
  truncate: 'Truncates',
  'delete-rows': 'Deletes rows from',
  'update-rows-without-where': 'Overwrites every row of',
  'alter-column-type': 'Changes a column type in',
  'drop-type-or-enum-value': 'Drops a type used by',
  'drop-unmapped-table': 'Drops unmapped table',
  'model-not-on-metadata': 'Drops table',
};

function operations(ops: ReviewOperation[], drafts: Record<number, string>): string {
  const open = ops.filter((o) => !o.acknowledged).length;
  const title = `Data-loss operations <span class="count">${ops.length}</span>${open > 0 ? ` <span class="count warn">${open} not acknowledged</span>` : ''}`;
  if (ops.length === 0) return `<section aria-labelledby="h-ops"><h3 id="h-ops">${title}</h3><p class="detail">None: this migration destroys no data when it runs.</p></section>`;
  const rows = ops.map((op) => {
    const line = op.range.start.line;
    const what = `${VERBS[op.rules[0]] ?? op.rules[0]} ${op.table ?? ''}`.trim();
    const meta = [op.rows !== undefined ? `${op.rows.toLocaleString('en-US')} row${op.rows === 1 ? '' : 's'}` : '', op.guard ? `guarded (${op.guard.replace(/-/g, ' ')})` : '', op.rules.join(', ')].filter(Boolean).join(' · ');
    const state = op.acknowledged
      ? `<p class="ack-text">${icon('check', 'ok')} Acknowledged: ${esc(op.reason ?? '')}</p>`
      : `<div class="ack"><input type="text" class="text reason" id="reason-${line}" data-line="${line}" value="${esc(drafts[line] ?? '')}" placeholder="Why is this safe?" aria-label="Reason for line ${op.line}" maxlength="300"><button type="button" id="ack-${line}" data-action="acknowledge" data-line="${line}">Acknowledge</button></div>`;
    const live = op.live ? `<p class="live">Live data: ${esc(op.live)}</p>` : '';
    return `<li class="op" data-acknowledged="${op.acknowledged}" data-line="${line}"><button type="button" class="link" id="reveal-${line}" data-action="reveal" data-line="${line}" title="${esc(op.message)}">${opIcon(op)} Line ${op.line}: ${esc(what)}</button><p class="meta">${esc(meta)}</p>${live}${state}</li>`;
  });
  return `<section aria-labelledby="h-ops"><h3 id="h-ops">${title}</h3><ul class="ops">${rows.join('')}</ul></section>`;
}

/** A failure is an error; rows lost, unknown or unchecked a warning; good news a pass mark. */
const LIVE_ICONS: Record<ReviewLiveData['verdict'], string> = {
  'will-fail': icon('error', 'err'),
  'will-lose': icon('warning', 'warn'),
  'unchecked-rows': icon('warning', 'warn'),
  unknown: icon('warning', 'warn'),
  'not-checked': icon('circle-slash', 'open'),
  'before-fix': icon('info'),
  locks: icon('lock'),
  safe: icon('pass', 'ok'),
};

/** One "Live data" line per operation preflight asked about, each revealing its line. */
function liveData(lines: ReviewLiveData[] | undefined): string {
  if (!lines || lines.length === 0) return '';
  const rows = lines.map((l) => {
    const line = l.range.start.line;
    const ack = l.acknowledged && l.verdict !== 'safe' ? ' <span class="tag">acknowledged</span>' : '';
    return `<li class="live" data-verdict="${esc(l.verdict)}" data-line="${line}"><button type="button" class="link" id="live-${line}" data-action="reveal" data-line="${line}">${LIVE_ICONS[l.verdict]} Line ${l.line}</button>${ack}<p class="detail">Live data: ${esc(l.text)}</p></li>`;
  });
  return `<section aria-labelledby="h-live"><h3 id="h-live">Live data <span class="count">${lines.length}</span></h3><ul class="ops">${rows.join('')}</ul></section>`;
}

/** Acknowledged: a pass mark; otherwise the icon of the finding's severity, as in the Problems panel. */
function opIcon(op: ReviewOperation): string {
  if (op.acknowledged) return icon('pass', 'ok');
  return op.severity === 'error' ? `${icon('error', 'err')}<span class="visually-hidden">Error:</span>` : icon('warning', 'warn');
}

const CHANGES: Record<ReviewTable['change'], string> = { create: 'created', drop: 'dropped', alter: 'altered' };

function tables(list: ReviewTable[]): string {
  if (list.length === 0) return '';
  const rows = list.map((t) => {
    const name = t.schema ? `${t.schema}.${t.name}` : t.name;
    const meta = [CHANGES[t.change], t.rows].filter(Boolean).join(' · ');
    const status = t.problem ? `<p class="detail">${icon('warning', 'warn')} ${esc(t.problem)}</p>` : '';
    return `<li><span class="name">${esc(name)}</span> <span class="meta">${esc(meta)}</span>${status}</li>`;
  });
  return `<section aria-labelledby="h-tables"><h3 id="h-tables">Tables it touches</h3><ul class="tables">${rows.join('')}</ul></section>`;
}

function signOff(r: ReviewState, busy: boolean): string {
  const blocked = r.blockers.length > 0 || r.ledgerError !== undefined;
  const why = r.blockers.length > 0 ? `<p class="detail">Sign-off needs first:</p><ul class="blockers">${r.blockers.map((b) => `<li>${esc(b)}</li>`).join('')}</ul>` : '';
  const label = r.signOff.state === 'valid' ? 'Sign off again' : 'Sign off';
  return `<section class="sign-off" aria-labelledby="h-sign-off"><h3 id="h-sign-off">Sign-off</h3>${why}<p class="detail">Records the file's content hash, your name from git and the checklist in .migration-review.json. Saves the file first.</p><button type="button" id="sign-off" class="primary" data-action="sign-off"${blocked || busy ? ' disabled' : ''}>${icon('verified')} ${label}</button></section>`;
}

const CATEGORIES = [
  { key: 'tablesWithoutModel', title: 'Tables with no model (autogenerate would drop them)' },
  { key: 'modelsWithoutTable', title: 'Models with no table (their migration has not run)' },
  { key: 'unreachableModels', title: 'Models autogenerate cannot see (not imported from env.py)' },
  { key: 'matched', title: 'Tables that match a model' },
] as const;

function parity(p: ParityView | undefined, filter: string): string {
  const head = `<h3 id="h-parity">Parity: database and models</h3>`;
  if (!p) return `<section aria-labelledby="h-parity">${head}<p class="detail">Loading...</p></section>`;
  if (!p.available) return `<section aria-labelledby="h-parity">${head}<p class="detail">${esc(p.message)}</p></section>`;
  const needle = filter.trim().toLowerCase();
  const lists: Record<(typeof CATEGORIES)[number]['key'], Array<{ text: string; html: string }>> = {
    tablesWithoutModel: p.tablesWithoutModel.map((t) => ({
      text: t.name,
      html: `${tableName(t)} <span class="meta">${esc(t.rows ?? 'rows unknown')}</span> <button type="button" id="gen-${esc(t.schema)}-${esc(t.name)}" data-action="generate-model" data-table="${esc(t.name)}" data-schema="${esc(t.schema)}">${icon('add')} Generate model</button>`,
    })),
    modelsWithoutTable: p.modelsWithoutTable.map((m) => ({ text: `${m.name} ${m.table ?? ''}`, html: modelName(m) })),
    unreachableModels: p.unreachableModels.map((u) => ({ text: `${u.model.name} ${u.model.table ?? ''}`, html: `${modelName(u.model)}${u.table ? ` <span class="meta">${esc(u.table.rows ?? 'rows unknown')}</span>` : ' <span class="meta">no table</span>'}` })),
    matched: p.matched.map((m) => ({ text: `${m.table.name} ${m.models.map((x) => x.name).join(' ')}`, html: `${tableName(m.table)} <span class="meta">${esc(m.table.rows ?? '')} · ${esc(m.models.map((x) => x.name).join(', '))}</span>` })),
  };
  const sections = CATEGORIES.map(({ key, title }) => {
    const items = lists[key];
    const shown = items.filter((i) => needle === '' || i.text.toLowerCase().includes(needle)).length;
    const body = items.map((i) => `<li data-filter-text="${esc(i.text.toLowerCase())}"${needle && !i.text.toLowerCase().includes(needle) ? ' hidden' : ''}>${i.html}</li>`).join('');
    return `<details class="category" data-category="${key}"${items.length > 0 && key !== 'matched' ? ' open' : ''}><summary>${esc(title)} <span class="count" data-count="${items.length}">${countText(shown, items.length)}</span></summary><ul>${body || '<li class="none">None</li>'}</ul></details>`;
  });
  const filterInput = `<input type="search" class="text" id="parity-filter" data-filter value="${esc(filter)}" placeholder="Filter tables and models" aria-label="Filter tables and models">`;
  const prevent = p.unmappedDropsPossible
    ? `<p class="detail">${esc(p.hints?.[0] ?? '')}</p><button type="button" id="prevent-unmapped-drops" data-action="prevent-unmapped-drops">${icon('shield')} Stop autogenerate from dropping tables without a model</button>`
    : '';
  return `<section aria-labelledby="h-parity">${head}<p class="detail">${esc(p.project)} against ${esc(p.source)}</p>${prevent}${filterInput}${sections.join('')}</section>`;
}

export function countText(shown: number, total: number): string {
  return shown === total ? String(total) : `${shown} of ${total}`;
}

function tableName(t: ParityViewTable): string {
  return `<span class="name">${esc(t.schema === 'public' ? t.name : `${t.schema}.${t.name}`)}</span>`;
}

function modelName(m: ParityViewModel): string {
  return `<span class="name">${esc(m.name)}</span> <span class="meta">${esc(m.table ?? '?')} · ${escPath(m.file)}</span>`;
}
