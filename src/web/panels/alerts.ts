/**
 * Alerts: incursions, safety of flight, conflicts of filed routes. Filter by kind and state;
 * acknowledge for one's party, and see which parties acknowledged and when.
 */
import { acknowledge, ApiError, type Item } from '../api.ts';
import { h, mount, uid } from '../dom.ts';
import { badge, fmtTime, titleOf } from '../fmt.ts';
import { t, tValue } from '../i18n/index.ts';
import { store } from '../store.ts';
import { emptyNote, listField, openButton, placeAndTime } from './common.ts';
import { str } from '../str.ts';

const filter = { kind: 'all', unackedOnly: false };

/**
 * Whether the signed-in person's party has acknowledged the alert: each party the alert concerns
 * acknowledges it once (`acknowledgements: [{party, person, at}]`); `acknowledged` says all have.
 */
export function isAcked(a: Item): boolean {
  const party = store.person?.party;
  if (party !== undefined && Array.isArray(a['acknowledgements']))
    return listField(a, 'acknowledgements').some((x) => x['party'] === party);
  return Boolean(a['acknowledged'] ?? a['acked']);
}

/** Who acknowledged, party by party, and when. */
function acknowledgements(a: Item): HTMLElement | null {
  const acks = listField(a, 'acknowledgements');
  if (acks.length === 0) return null;
  return h(
    'p',
    { className: 'hint acks' },
    `${t('alerts.acked')}: `,
    acks.flatMap((x, i) => [i > 0 ? ', ' : '', `${str(x['party'])} `, fmtTime(x['at'])]),
  );
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
    placeAndTime(a, a['time'] === undefined ? 'raisedAt' : 'time'),
    a['message'] ? h('p', {}, str(a['message'])) : null,
    acknowledgements(a),
    acked
      ? Array.isArray(a['acknowledgements'])
        ? null
        : h('p', { className: 'hint' }, t('alerts.acked'))
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
