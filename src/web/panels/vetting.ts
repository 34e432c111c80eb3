/**
 * The vetting queue: nominations that wait for this user's party to concur, with every check's
 * verdict and reason, and the concur / non-concur decision (a reason is required to non-concur).
 */
import { ApiError, decide, type Item } from '../api.ts';
import { h, mount, uid } from '../dom.ts';
import { badge, titleOf } from '../fmt.ts';
import { t, tValue } from '../i18n/index.ts';
import { store } from '../store.ts';
import { emptyNote, listField, openButton, placeAndTime, section } from './common.ts';
import { str } from '../str.ts';

const OPEN = new Set(['pending', 'proposed', 'nominated', 'under_review', 'blocked']);
const DECIDERS = new Set(['approver', 'national_authority']);

export function waitsForMe(n: Item, party: string): boolean {
  if (!OPEN.has(String(n.status ?? 'pending'))) return false;
  return !listField(n, 'decisions').some((d) => d['party'] === party);
}

/**
 * Why a conflict blocks: a full disclosure names the distance and buffer; a sealed one only the
 * owning party, the class of site and a distance band, as the rules disclose it.
 */
export function conflictReason(c: Record<string, unknown>): string {
  if (c['reason'] !== undefined) return str(c['reason']);
  const owner = str(c['owner']);
  if (c['disclosure'] === 'sealed') {
    const band = typeof c['withinM'] === 'number' ? ` ≤ ${c['withinM']} m` : '';
    return `${tValue('value', c['categoryClass'])} (${owner})${band}`;
  }
  const site = store.find('protected-sites', str(c['protection']));
  const name = site ? ` "${str(site['name'])}"` : '';
  const d = typeof c['distanceM'] === 'number' ? `${c['distanceM']} m` : '';
  const buffer = typeof c['bufferM'] === 'number' ? ` / ${c['bufferM']} m` : '';
  return `${tValue('value', c['category'])}${name} (${owner}) ${d}${buffer}`.trim();
}

export function checksList(n: Item): HTMLElement | null {
  const checks = listField(n, 'checks');
  if (checks.length === 0) return null;
  return h(
    'ul',
    { className: 'checks', 'aria-label': t('vetting.checks') },
    checks.map((c) =>
      h(
        'li',
        { className: `check verdict-${str(c['verdict'], 'block')}` },
        badge('verdict', c['verdict'] ?? 'block'),
        ' ',
        h('span', { className: 'check-name' }, tValue('check', c['check'] ?? c['kind'] ?? c['name'])),
        h('span', { className: 'reason' }, ': ', conflictReason(c)),
      ),
    ),
  );
}

function decisionsList(n: Item): HTMLElement | null {
  const ds = listField(n, 'decisions');
  if (ds.length === 0) return null;
  return h(
    'ul',
    { className: 'decisions', 'aria-label': t('vetting.decisions') },
    ds.map((d) =>
      h(
        'li',
        {},
        str(d['party']),
        ' ',
        badge('decision', d['decision']),
        d['reason'] ? ` ${str(d['reason'])}` : '',
      ),
    ),
  );
}

function decisionForm(n: Item, canDecide: boolean, refresh: () => void): HTMLElement {
  const id = uid('reason');
  const reason = h('textarea', { id, rows: 2, disabled: !canDecide });
  const error = h('p', { className: 'error', role: 'alert' });
  const send = (d: 'concur' | 'non_concur') => {
    error.textContent = '';
    if (d === 'non_concur' && !reason.value.trim()) {
      error.textContent = t('vetting.reasonRequired');
      reason.focus();
      return;
    }
    decide(n.id, d === 'concur', reason.value.trim()).then(refresh, (e: unknown) => {
      error.textContent = e instanceof ApiError ? e.title : t('error.network');
    });
  };
  return h(
    'div',
    { className: 'decide' },
    h('label', { htmlFor: id }, t('vetting.reason')),
    reason,
    h(
      'div',
      { className: 'buttons' },
      h(
        'button',
        { type: 'button', className: 'concur', disabled: !canDecide, onclick: () => send('concur') },
        t('vetting.concur'),
      ),
      h(
        'button',
        { type: 'button', className: 'non-concur', disabled: !canDecide, onclick: () => send('non_concur') },
        t('vetting.nonConcur'),
      ),
    ),
    canDecide ? null : h('p', { className: 'hint' }, t('vetting.notApprover')),
    error,
  );
}

function card(n: Item, mine: boolean, canDecide: boolean, refresh: () => void): HTMLElement {
  return h(
    'article',
    { className: 'card nomination', 'data-id': n.id },
    h('header', {}, openButton('nominations', n, titleOf(n)), ' ', badge('status', n.status)),
    placeAndTime(n, 'created_at'),
    n['justification'] ? h('p', {}, str(n['justification'])) : null,
    checksList(n),
    decisionsList(n),
    mine ? decisionForm(n, canDecide, refresh) : null,
  );
}

export function renderVetting(el: HTMLElement, refresh: () => void): void {
  const p = store.person;
  const party = p?.party ?? '';
  const canDecide = DECIDERS.has(p?.role ?? '') && !store.asOf;
  const all = store.items.nominations;
  const waiting = all.filter((n) => waitsForMe(n, party));
  const others = all.filter((n) => !waiting.includes(n));
  mount(
    el,
    section(
      'vetting.waiting',
      waiting.length ? waiting.map((n) => card(n, true, canDecide, refresh)) : emptyNote('vetting.none'),
    ),
    section(
      'vetting.all',
      others.length ? others.map((n) => card(n, false, false, refresh)) : emptyNote('list.empty'),
    ),
  );
}
