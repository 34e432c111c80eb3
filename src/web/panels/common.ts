/** Pieces shared by the side panels. */
import type { Item } from '../api.ts';
import { h, type Child } from '../dom.ts';
import { t, type Key } from '../i18n/index.ts';
import { store } from '../store.ts';
import { fmtPlace, fmtTime } from '../fmt.ts';

export function section(titleKey: Key, ...children: Child[]): HTMLElement {
  return h('section', { className: 'panel-section' }, h('h3', {}, t(titleKey)), ...children);
}

export function emptyNote(key: Key): HTMLElement {
  return h('p', { className: 'empty' }, t(key));
}

/** A label/value row for detail lists. */
export function row(labelKey: Key, value: Child): Child {
  if (value === '' || value === undefined || value === null) return null;
  return [h('dt', {}, t(labelKey)), h('dd', {}, value)];
}

/** Opens a record in the detail panel (and the map centres on it). */
export function openButton(collection: Item['id'], item: Item, label: Child): HTMLElement {
  return h(
    'button',
    {
      type: 'button',
      className: 'link',
      onclick: () => {
        store.selection = { collection: collection as never, id: item.id };
        store.emit('selection');
      },
    },
    label,
  );
}

/** A time field: an RFC 3339 string, or a window `{from, to}` (a violation's time), by its start. */
export function timeOf(item: Item, field: string): unknown {
  const v = item[field];
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>)['from'] : v;
}

export function placeAndTime(item: Item, timeField: string): HTMLElement {
  return h('span', { className: 'meta' }, fmtPlace(item), ' ', fmtTime(timeOf(item, timeField)));
}

/** Records of a nested list field (`checks`, `decisions`, `receipts`...), objects only. */
export function listField(item: Item, field: string): Record<string, unknown>[] {
  const v = item[field];
  return Array.isArray(v)
    ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null)
    : [];
}
