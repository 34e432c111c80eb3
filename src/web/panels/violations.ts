/** Ceasefire violations: the list, each party's assessment, and figures by kind, status and week. */
import { ApiError, assess, type Item } from '../api.ts';
import { h, mount, uid } from '../dom.ts';
import { badge, titleOf } from '../fmt.ts';
import { t, tValue } from '../i18n/index.ts';
import { store } from '../store.ts';
import { barChart, countBy, isoWeek } from './charts.ts';
import { emptyNote, listField, openButton, placeAndTime, section, timeOf } from './common.ts';
import { str } from '../str.ts';

/** The assessments the rules take (`AssessViolation`). */
const ASSESSMENTS = ['confirmed', 'disputed', 'needs_information'];

function assessForm(v: Item, refresh: () => void): HTMLElement {
  const sel = uid('assess');
  const note = uid('note');
  const error = h('p', { className: 'error', role: 'alert' });
  const select = h(
    'select',
    { id: sel },
    ASSESSMENTS.map((a) => h('option', { value: a }, tValue('status', a))),
  );
  const text = h('input', { id: note });
  const form = h(
    'form',
    { className: 'assess' },
    h('label', { htmlFor: sel }, t('violations.assessment')),
    select,
    h('label', { htmlFor: note }, t('violations.note')),
    text,
    h('button', { type: 'submit', disabled: Boolean(store.asOf) }, t('violations.assess')),
    error,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    assess(v.id, select.value, text.value).then(refresh, (err: unknown) => {
      error.textContent = err instanceof ApiError ? err.title : t('error.network');
    });
  });
  return form;
}

/** `{kind: 'party', party}` / `{kind: 'actor', actor}` as its code; '' when unknown. */
function perpetratorOf(v: Item): string {
  const p = v['perpetrator'];
  if (typeof p !== 'object' || p === null) return str(v['alleged_perpetrator']);
  const o = p as Record<string, unknown>;
  return str(o['party'], o['actor']);
}

/** Killed and injured together, from `{killed, injured, confidence}` (or a plain number). */
function casualtiesOf(v: Item): number | undefined {
  const c = v['casualties'];
  if (typeof c === 'number') return c;
  if (typeof c !== 'object' || c === null) return undefined;
  const o = c as Record<string, unknown>;
  const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
  return n(o['killed']) + n(o['injured']);
}

function violationCard(v: Item, refresh: () => void): HTMLElement {
  const mine = listField(v, 'assessments').some((a) => a['party'] === store.person?.party);
  return h(
    'article',
    { className: 'card violation', 'data-id': v.id },
    h(
      'header',
      {},
      openButton('violations', v, tValue('violation', v['kind'] ?? titleOf(v))),
      ' ',
      badge('status', v.status),
    ),
    placeAndTime(v, 'time'),
    perpetratorOf(v) ? h('p', {}, t('violations.alleged', { who: perpetratorOf(v) })) : null,
    casualtiesOf(v) === undefined
      ? null
      : h('p', {}, t('violations.casualties', { n: casualtiesOf(v) ?? 0 })),
    h(
      'ul',
      { className: 'assessments' },
      listField(v, 'assessments').map((a) =>
        h('li', {}, str(a['party']), ' ', badge('status', a['assessment'])),
      ),
    ),
    mine ? null : assessForm(v, refresh),
  );
}

export function renderViolations(el: HTMLElement, refresh: () => void): void {
  const all = store.items.violations;
  mount(
    el,
    section(
      'violations.figures',
      barChart(
        t('violations.byKind'),
        countBy(all, (v) => tValue('violation', v['kind'])),
      ),
      barChart(
        t('violations.byStatus'),
        countBy(all, (v) => tValue('status', v.status)),
      ),
      barChart(
        t('violations.byWeek'),
        countBy(all, (v) => isoWeek(timeOf(v, 'time'))).sort((a, b) => a.label.localeCompare(b.label)),
      ),
    ),
    section(
      'violations.list',
      all.length ? all.map((v) => violationCard(v, refresh)) : emptyNote('list.empty'),
    ),
  );
}
