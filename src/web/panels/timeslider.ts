/**
 * The time slider: show the whole picture as of a past moment (`?asOf=`), step through a
 * period (replay), or return to live. Times are UTC, labelled as date-time groups.
 */
import { toDtg } from '../../core/time.ts';
import { h, mount } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { store } from '../store.ts';

const SPAN_MS = 7 * 24 * 3600_000;
const STEP_MS = 60_000;
const SPEEDS = [10, 60, 360];

export interface SliderState {
  replaying: boolean;
  speedMin: number;
  timer?: ReturnType<typeof setInterval> | undefined;
}

export const slider: SliderState = { replaying: false, speedMin: 60 };

/** Moves the picture to `ms` (undefined: live) and tells every view. */
export function goTo(ms: number | undefined): void {
  store.asOf = ms === undefined || ms >= Date.now() ? undefined : new Date(ms).toISOString();
  if (!store.asOf) stopReplay();
  store.emit('time');
}

function stopReplay(): void {
  if (slider.timer !== undefined) clearInterval(slider.timer);
  slider.timer = undefined;
  slider.replaying = false;
}

function toggleReplay(rerender: () => void): void {
  if (slider.replaying) {
    stopReplay();
  } else {
    slider.replaying = true;
    if (!store.asOf) goTo(Date.now() - SPAN_MS);
    slider.timer = setInterval(() => goTo(Date.parse(store.asOf ?? '') + slider.speedMin * 60_000), 1000);
  }
  rerender();
}

export function renderTimeSlider(el: HTMLElement): void {
  const now = Math.floor(Date.now() / STEP_MS) * STEP_MS;
  const at = store.asOf ? Date.parse(store.asOf) : now;
  const rerender = () => renderTimeSlider(el);
  const range = h('input', {
    type: 'range',
    id: 'time-range',
    min: now - SPAN_MS,
    max: now,
    step: STEP_MS,
    value: at,
    'aria-valuetext': store.asOf ? toDtg(at) : t('time.live'),
  });
  range.addEventListener('change', () => goTo(Number(range.value)));
  mount(
    el,
    h('label', { htmlFor: 'time-range' }, t('time.label')),
    range,
    h(
      'output',
      { htmlFor: 'time-range', className: store.asOf ? 'past' : 'live', id: 'time-shown' },
      store.asOf ? t('time.asOf', { dtg: toDtg(at) }) : t('time.live'),
    ),
    h(
      'button',
      { type: 'button', id: 'time-live', disabled: !store.asOf, onclick: () => goTo(undefined) },
      t('time.backToLive'),
    ),
    h(
      'button',
      {
        type: 'button',
        id: 'time-replay',
        'aria-pressed': String(slider.replaying),
        onclick: () => toggleReplay(rerender),
      },
      slider.replaying ? t('time.pause') : t('time.replay'),
    ),
    h('label', { htmlFor: 'time-speed' }, t('time.speed')),
    h(
      'select',
      {
        id: 'time-speed',
        onchange: (e: Event) => (slider.speedMin = Number((e.target as HTMLSelectElement).value)),
      },
      SPEEDS.map((s) =>
        h('option', { value: s, selected: s === slider.speedMin }, t('time.perSecond', { min: s })),
      ),
    ),
  );
}
