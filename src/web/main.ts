/** The app's entry: sign-in, then the map, the side panels and the time bar, kept live. */
import { currentSession, logout, type Collection, type Item, type Person } from './api.ts';
import { formatCoord } from './coords.ts';
import { byId, mount } from './dom.ts';
import { onLangChange, setLang, t } from './i18n/index.ts';
import { Live } from './live.ts';
import { MapView } from './map/index.ts';
import { isAcked, renderAlerts } from './panels/alerts.ts';
import { renderDetail } from './panels/detail.ts';
import { renderForms } from './panels/forms.ts';
import { renderHeader } from './panels/header.ts';
import { renderLayerToggles } from './panels/layers.ts';
import { renderLedger } from './panels/ledger.ts';
import { renderLogin } from './panels/login.ts';
import { renderPasswordChange } from './panels/password.ts';
import { renderFlights, renderHumanitarian, renderOperations } from './panels/records.ts';
import { renderTabs } from './panels/tabs.ts';
import { renderTimeSlider } from './panels/timeslider.ts';
import { renderVetting, waitsForMe } from './panels/vetting.ts';
import { renderViolations } from './panels/violations.ts';
import { store, type Topic } from './store.ts';

type TabId =
  'queue' | 'alerts' | 'violations' | 'humanitarian' | 'flights' | 'operations' | 'ledger' | 'create';
const TABS: TabId[] = [
  'queue',
  'alerts',
  'violations',
  'humanitarian',
  'flights',
  'operations',
  'ledger',
  'create',
];
const TAB_DATA: Partial<Record<TabId, Collection[]>> = {
  queue: ['nominations'],
  alerts: ['alerts'],
  violations: ['violations'],
  humanitarian: ['movements'],
  flights: ['flights'],
  operations: ['notices', 'imminent-actions'],
};

let active: TabId = 'queue';
const formChoice = { form: 'nomination' };
let map: MapView | undefined;
let live: Live | undefined;
let dirty = false;

function tabCount(id: TabId): number | undefined {
  const party = store.person?.party ?? '';
  if (id === 'queue') return store.items.nominations.filter((n) => waitsForMe(n, party)).length;
  if (id === 'alerts') return store.items.alerts.filter((a) => !isAcked(a)).length;
  return undefined;
}

function renderTabStrip(): void {
  renderTabs(
    byId('side-tabs'),
    TABS.map((id) => ({ id, label: t(`tab.${id}`), count: tabCount(id) })),
    active,
    (id) => {
      active = id as TabId;
      renderSide();
    },
  );
}

/** Re-renders the side panel; a data change leaves forms and the ledger as they are (typed input stays). */
function renderSide(dataChange = false): void {
  const panel = byId('side-panel');
  if (dataChange && (active === 'create' || active === 'ledger')) {
    renderTabStrip();
    return;
  }
  // Never rebuild a panel under the user's cursor: typed text would be lost. Render on blur.
  // A focused button (the one just pressed) holds nothing: its panel shows the answer at once.
  const focus = document.activeElement;
  const typing =
    focus instanceof HTMLInputElement ||
    focus instanceof HTMLTextAreaElement ||
    focus instanceof HTMLSelectElement;
  if (dataChange && typing && panel.contains(focus)) {
    dirty = true;
    return;
  }
  dirty = false;
  renderTabStrip();
  panel.setAttribute('aria-labelledby', `tab-${active}`);
  const refresh = () => live?.refetch(TAB_DATA[active]?.[0]);
  if (!map) return;
  const views: Record<TabId, () => void> = {
    queue: () => renderVetting(panel, refresh),
    alerts: () => renderAlerts(panel, refresh),
    violations: () => renderViolations(panel, refresh),
    humanitarian: () => renderHumanitarian(panel, refresh),
    flights: () => renderFlights(panel),
    operations: () => renderOperations(panel),
    ledger: () => renderLedger(panel),
    create: () => map && renderForms(panel, map, formChoice, () => live?.refetch(undefined)),
  };
  // The button pressed is gone with the old panel: the keyboard stays on the same record.
  const card = focus instanceof HTMLElement && panel.contains(focus) ? focus.closest('[data-id]') : null;
  const cardId = card?.getAttribute('data-id');
  views[active]();
  if (cardId && !panel.contains(focus))
    [...panel.querySelectorAll<HTMLElement>('[data-id]')]
      .find((el) => el.getAttribute('data-id') === cardId)
      ?.querySelector<HTMLElement>('button, select, input, textarea')
      ?.focus();
}

function trackItem(id: string): Item | undefined {
  const r = map?.tracks.get(id);
  return r
    ? { ...r, geometry: { type: 'Point', coordinates: [r.lon, r.lat] as [number, number] } }
    : undefined;
}

function renderAll(): void {
  renderHeader(byId('header'), () => void signOut());
  renderSide();
  renderTimeSlider(byId('timebar'));
  if (map) renderLayerToggles(byId('layer-toggles'), (g, on) => map?.setGroupVisible(g, on));
  renderDetail(byId('detail'), (c) => map?.flyTo(c), trackItem);
  byId('side').setAttribute('aria-label', t('side.label'));
}

function wire(): void {
  const sideTopics: Topic[] = [
    'nominations',
    'alerts',
    'violations',
    'movements',
    'flights',
    'notices',
    'imminent-actions',
  ];
  for (const topic of sideTopics)
    store.on(topic, () =>
      TAB_DATA[active]?.includes(topic as Collection) || topic === 'nominations' || topic === 'alerts'
        ? renderSide(true)
        : undefined,
    );
  store.on('feed', () => renderHeader(byId('header'), () => void signOut()));
  store.on('prefs', renderAll);
  store.on('selection', () => renderDetail(byId('detail'), (c) => map?.flyTo(c), trackItem));
  store.on('time', () => {
    renderTimeSlider(byId('timebar'));
    renderSide();
    void live?.timeChanged();
  });
  byId('side-panel').addEventListener('focusout', () => setTimeout(() => dirty && renderSide(), 0));
  onLangChange(renderAll);
}

function startApp(p: Person): void {
  store.person = p;
  byId('login').hidden = true;
  mount(byId('login'));
  byId('app').hidden = false;
  const pointer = byId('pointer');
  map = new MapView(byId('map'), (c) => (pointer.textContent = formatCoord(c, store.coordFormat)));
  live = new Live(map);
  wire();
  renderAll();
  store.emit('person');
  void map.whenReady().then(async () => {
    await live?.loadAll();
    live?.startFeed();
  });
}

async function signOut(): Promise<void> {
  live?.stopFeed();
  await logout().catch(() => undefined);
  store.reset();
  location.reload();
}

/**
 * Signed in: the app, unless the password was a one-time one. Then nothing else is shown until
 * a new one is chosen (the language follows the choice made on the sign-in page).
 */
function signedIn(p: Person): void {
  if (!p.mustChangePassword) {
    startApp(p);
    return;
  }
  const el = byId('login');
  el.hidden = false;
  renderPasswordChange(el, p, signedIn, () => void signOut());
}

async function boot(): Promise<void> {
  setLang(localStorage.getItem('jig.lang') === 'ru' ? 'ru' : 'en');
  document.title = t('app.title');
  onLangChange(() => (document.title = t('app.title')));
  const p = await currentSession().catch(() => undefined);
  if (p) signedIn(p);
  else {
    byId('login').hidden = false;
    const show = () => renderLogin(byId('login'), signedIn);
    show();
  }
}

void boot();
