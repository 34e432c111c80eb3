/** Alerts: incursions, safety of flight, deconfliction overlaps. Filter by kind and state; acknowledge. */
import { acknowledge, ApiError, type Item } from '../api.ts';
import { h, mount, uid } from '../dom.ts';
import { badge, titleOf } from '../fmt.ts';
import { t, tValue } from '../i18n/index.ts';
import { store } from '../store.ts';
import { emptyNote, openButton, placeAndTime } from './common.ts';
import { str } from '../str.ts';

const filter = { kind: 'all', unackedOnly: false };

export function isAcked(a: Item): boolean {
  return Boolean(a['acknowledged'] ?? a['acked']);
}

function alertCard(a: Item, refresh: () => void): HTMLElement {
  const error = h('span', { className: 'error', role: 'alert' });
  const acked = isAcked(a);
  return h(
    'article',
    {
      className: `card alert ${acked ? 'acked' : 'unacked'} severity-${str(a['severity'])}`,
      'data-id': a.id,
    },
    h('header', {}, badge('alert', a['kind']), ' ', openButton('alerts', a, titleOf(a))),
    placeAndTime(a, 'time'),
    a['message'] ? h('p', {}, str(a['message'])) : null,
    acked
      ? h('p', { className: 'hint' }, t('alerts.acked'))
      : h(
          'button',
          {
            type: 'button',
            disabled: Boolean(store.asOf),
            onclick: () =>
              void acknowledge(a.id).then(refresh, (e: unknown) => {
                error.textContent = e instanceof ApiError ? e.title : t('error.network');
              }),
          },
          t('alerts.ack'),
        ),
    error,
  );
}

export function renderAlerts(el: HTMLElement, refresh: () => void): void {
  const all = store.items.alerts;
  const kinds = [...new Set(all.map((a) => str(a['kind'])))].filter(Boolean).sort();
  const shown = all
    .filter((a) => filter.kind === 'all' || a['kind'] === filter.kind)
    .filter((a) => !filter.unackedOnly || !isAcked(a));
  const kindId = uid('kind');
  const unId = uid('unacked');
  const rerender = () => renderAlerts(el, refresh);
  mount(
    el,
    h(
      'div',
      { className: 'filters', role: 'group', 'aria-label': t('alerts.filter') },
      h('label', { htmlFor: kindId }, t('alerts.kind')),
      h(
        'select',
        {
          id: kindId,
          onchange: (e: Event) => ((filter.kind = (e.target as HTMLSelectElement).value), rerender()),
        },
        h('option', { value: 'all', selected: filter.kind === 'all' }, t('alerts.allKinds')),
        kinds.map((k) => h('option', { value: k, selected: filter.kind === k }, tValue('alert', k))),
      ),
      h('input', {
        type: 'checkbox',
        id: unId,
        checked: filter.unackedOnly,
        onchange: (e: Event) => ((filter.unackedOnly = (e.target as HTMLInputElement).checked), rerender()),
      }),
      h('label', { htmlFor: unId }, t('alerts.unackedOnly')),
    ),
    shown.length ? shown.map((a) => alertCard(a, refresh)) : emptyNote('list.empty'),
  );
}
