/** The detail panel: every field of the selected record, times as DTGs, places in the user's format. */
import type { Item } from '../api.ts';
import { h, mount } from '../dom.ts';
import { anchorOf, badge, fmtPlace, fmtTime, titleOf } from '../fmt.ts';
import { t, tValue } from '../i18n/index.ts';
import { store } from '../store.ts';
import { checksList } from './vetting.ts';

const HIDDEN = new Set(['id', 'geometry', 'checks']);
const TIME = /(^time$|_at$|^valid_|^from$|^to$)/;

function value(k: string, v: unknown): HTMLElement | string {
  if (typeof v === 'string' && TIME.test(k)) return fmtTime(v);
  if (k === 'status') return badge('status', v);
  if (typeof v === 'string') return tValue('value', v);
  if (typeof v === 'object' && v !== null) return h('pre', { className: 'mono' }, JSON.stringify(v, null, 1));
  return String(v);
}

function fields(item: Item): HTMLElement {
  const rows = Object.entries(item)
    .filter(([k]) => !HIDDEN.has(k))
    .flatMap(([k, v]) => [h('dt', {}, tValue('field', k)), h('dd', {}, value(k, v))]);
  return h('dl', { className: 'fields' }, rows);
}

export function renderDetail(
  el: HTMLElement,
  onFly: (c: [number, number]) => void,
  trackLookup: (id: string) => Item | undefined,
): void {
  const sel = store.selection;
  const item = sel
    ? (store.find(sel.collection, sel.id) ?? (sel.collection === 'tracks' ? trackLookup(sel.id) : undefined))
    : undefined;
  if (!sel || !item) {
    el.hidden = true;
    mount(el);
    return;
  }
  el.hidden = false;
  const anchor = anchorOf(item.geometry);
  mount(
    el,
    h(
      'header',
      {},
      h('h2', { id: 'detail-title' }, tValue('collection', sel.collection), ': ', titleOf(item)),
      h(
        'button',
        {
          type: 'button',
          className: 'close',
          'aria-label': t('detail.close'),
          onclick: () => ((store.selection = undefined), store.emit('selection')),
        },
        '×',
      ),
    ),
    anchor
      ? h(
          'p',
          { className: 'place' },
          fmtPlace(item),
          ' ',
          h('button', { type: 'button', className: 'link', onclick: () => onFly(anchor) }, t('detail.show')),
        )
      : null,
    checksList(item),
    fields(item),
  );
}
