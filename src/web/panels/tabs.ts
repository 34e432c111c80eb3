/** An accessible tab strip (WAI-ARIA tabs pattern: arrow keys move, Home/End jump). */
import { h, mount } from '../dom.ts';

export interface Tab {
  readonly id: string;
  readonly label: string;
  readonly count?: number | undefined;
}

export function renderTabs(
  el: HTMLElement,
  tabs: readonly Tab[],
  active: string,
  onSelect: (id: string) => void,
) {
  const buttons = tabs.map((tab) =>
    h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${tab.id}`,
        'aria-selected': String(tab.id === active),
        'aria-controls': 'side-panel',
        tabIndex: tab.id === active ? 0 : -1,
        onclick: () => onSelect(tab.id),
      },
      tab.label,
      tab.count ? h('span', { className: 'count' }, String(tab.count)) : null,
    ),
  );
  const list = h('div', { role: 'tablist', className: 'tabs' }, buttons);
  list.addEventListener('keydown', (e) => {
    const i = tabs.findIndex((t) => t.id === active);
    const n = tabs.length;
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? (i + 1) % n
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? (i - 1 + n) % n
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : -1;
    const tab = tabs[next];
    if (next < 0 || !tab) return;
    e.preventDefault();
    onSelect(tab.id);
    document.getElementById(`tab-${tab.id}`)?.focus();
  });
  mount(el, list);
}
