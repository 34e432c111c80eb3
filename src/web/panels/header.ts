/** The top bar: who is signed in (party, role, office), language, coordinates, feed state, logout. */
import { h, mount, uid } from '../dom.ts';
import { LANGS, lang, setLang, t, tValue, type Lang } from '../i18n/index.ts';
import { store } from '../store.ts';

function select(label: string, value: string, options: [string, string][], onChange: (v: string) => void) {
  const id = uid('sel');
  return h(
    'span',
    { className: 'field-inline' },
    h('label', { htmlFor: id }, label),
    h(
      'select',
      { id, onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) },
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
    ),
  );
}

export function renderHeader(el: HTMLElement, onLogout: () => void): void {
  const p = store.person;
  const who = p
    ? h(
        'div',
        { className: 'who', 'aria-label': t('header.user') },
        h('strong', { className: 'who-name' }, p.name),
        h('span', { className: `party party-${p.party}` }, t('header.party', { party: p.party })),
        h('span', { className: 'role' }, tValue('role', p.role)),
        h('span', { className: 'office' }, t('header.office', { party: p.party })),
      )
    : null;
  mount(
    el,
    h('h1', {}, t('app.title')),
    who,
    h('div', { className: 'spacer' }),
    h(
      'span',
      { className: `feed feed-${store.feedStatus}`, role: 'status', 'aria-live': 'polite' },
      tValue('feed', store.feedStatus),
    ),
    select(
      t('header.language'),
      lang(),
      LANGS.map((l) => [l, tValue('lang', l)]),
      (v) => {
        localStorage.setItem('jig.lang', v);
        setLang(v as Lang);
      },
    ),
    select(
      t('header.coords'),
      store.coordFormat,
      [
        ['dd', t('coords.dd')],
        ['mgrs', t('coords.mgrs')],
      ],
      (v) => {
        store.coordFormat = v === 'mgrs' ? 'mgrs' : 'dd';
        localStorage.setItem('jig.coords', store.coordFormat);
        store.emit('prefs');
      },
    ),
    p ? h('button', { type: 'button', onclick: onLogout }, t('header.logout')) : null,
  );
}
