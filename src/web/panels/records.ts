/** Humanitarian movements with receipts, filed flights, and operation notices and imminent actions. */
import { ApiError, receipt, type Item } from '../api.ts';
import { h, mount } from '../dom.ts';
import { badge, fmtTime, titleOf } from '../fmt.ts';
import { t, tValue } from '../i18n/index.ts';
import { store } from '../store.ts';
import { windowOf } from '../map/features.ts';
import { emptyNote, listField, openButton, placeAndTime, section } from './common.ts';
import { str } from '../str.ts';

function windowText(i: Item): HTMLElement | null {
  const w = windowOf(i);
  if (w.from === undefined && w.to === undefined) return null;
  const iso = (n: number | undefined) => (n === undefined ? undefined : new Date(n).toISOString());
  return h(
    'span',
    { className: 'window' },
    t('list.window'),
    ' ',
    fmtTime(iso(w.from)),
    ' – ',
    fmtTime(iso(w.to)),
  );
}

function receipts(m: Item, refresh: () => void): HTMLElement {
  const rs = listField(m, 'receipts');
  const party = store.person?.party ?? '';
  const error = h('span', { className: 'error', role: 'alert' });
  const version = typeof m['version'] === 'number' ? m['version'] : 1;
  // A receipt is of one version: an amended notice is to be acknowledged again.
  const mine = m.owner === party || rs.some((r) => r['party'] === party && r['version'] === version);
  return h(
    'div',
    { className: 'receipts' },
    h('span', {}, t('hum.receipts')),
    ' ',
    rs.length
      ? rs.map((r) =>
          h(
            'span',
            { className: 'receipt' },
            str(r['party']),
            ' ',
            fmtTime(r['at']),
            r['version'] === undefined ? '' : ` (${t('hum.version', { version: str(r['version']) })})`,
          ),
        )
      : t('hum.noReceipts'),
    mine
      ? null
      : h(
          'button',
          {
            type: 'button',
            disabled: Boolean(store.asOf),
            onclick: () =>
              void receipt(m.id, version).then(
                refresh,
                (e: unknown) => (error.textContent = e instanceof ApiError ? e.title : t('error.network')),
              ),
          },
          t('hum.acknowledge'),
        ),
    error,
  );
}

/** A movement's destination: `{name, besieged, geometry}` on the wire, a name in older views. */
function destinationOf(i: Item): string {
  const d = i['destination'];
  return typeof d === 'object' && d !== null ? str((d as Record<string, unknown>)['name']) : str(d);
}

function card(
  c: 'movements' | 'flights' | 'notices' | 'imminent-actions',
  i: Item,
  extra: HTMLElement | null = null,
) {
  return h(
    'article',
    { className: `card ${c}`, 'data-id': i.id },
    h('header', {}, openButton(c, i, titleOf(i)), ' ', i.status ? badge('status', i.status) : null),
    placeAndTime(i, 'time'),
    windowText(i),
    i['category'] ? h('p', {}, tValue('category', i['category'])) : null,
    destinationOf(i) ? h('p', {}, t('hum.destination', { place: destinationOf(i) })) : null,
    extra,
  );
}

export function renderHumanitarian(el: HTMLElement, refresh: () => void): void {
  const ms = store.items.movements;
  mount(
    el,
    section(
      'hum.movements',
      ms.length ? ms.map((m) => card('movements', m, receipts(m, refresh))) : emptyNote('list.empty'),
    ),
  );
}

export function renderFlights(el: HTMLElement): void {
  const fs = store.items.flights;
  const band = (f: Item) => {
    const b = f['band'];
    const o = typeof b === 'object' && b !== null ? (b as Record<string, unknown>) : {};
    return o['minM'] !== undefined
      ? h('p', {}, t('flights.band', { min: str(o['minM']), max: str(o['maxM']) }))
      : null;
  };
  mount(
    el,
    section(
      'flights.filed',
      fs.length ? fs.map((f) => card('flights', f, band(f))) : emptyNote('list.empty'),
    ),
  );
}

export function renderOperations(el: HTMLElement): void {
  const ns = store.items.notices;
  const as = store.items['imminent-actions'];
  mount(
    el,
    section('ops.notices', ns.length ? ns.map((n) => card('notices', n)) : emptyNote('list.empty')),
    section('ops.actions', as.length ? as.map((a) => card('imminent-actions', a)) : emptyNote('list.empty')),
  );
}
