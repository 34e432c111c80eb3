/**
 * Create forms. Geometry is drawn on the map or typed (one coordinate a line, degrees or MGRS).
 * Server problems (RFC 9457 with field pointers) are shown next to the field they name.
 */
import { ApiError, create } from '../api.ts';
import { formatCoord, parseCoordList } from '../coords.ts';
import { h, mount, uid } from '../dom.ts';
import { t, tValue } from '../i18n/index.ts';
import { toGeometry, type DrawKind } from '../map/draw.ts';
import type { MapView } from '../map/index.ts';
import { store } from '../store.ts';
import { FORMS, type FieldDef, type FormDef } from './form-defs.ts';

interface FieldView {
  readonly def: FieldDef;
  readonly element: HTMLElement;
  readonly error: HTMLElement;
  readonly input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  value(): unknown;
}

/** Which field a problem's JSON pointer names: the exact path, else the longest prefix. */
export function fieldFor(pointer: string, paths: readonly string[]): string | undefined {
  const p = pointer.replace(/^#?\//, '');
  let best: string | undefined;
  for (const f of paths)
    if ((p === f || p.startsWith(`${f}/`)) && (!best || f.length > best.length)) best = f;
  return best;
}

export function setPath(body: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('/');
  let o = body;
  for (const k of parts.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  o[parts[parts.length - 1] ?? path] = value;
}

/** `US, RU` as `['US', 'RU']`; undefined when empty. */
export function partyList(v: string): string[] | undefined {
  const parties = v
    .split(/[\s,]+/)
    .map((p) => p.trim().toUpperCase())
    .filter(Boolean);
  return parties.length ? parties : undefined;
}

/** `datetime-local` values are read as UTC: the app shows and takes every time in UTC. */
export function utcFromInput(v: string): string | undefined {
  if (!v) return undefined;
  const t = Date.parse(`${v.length === 16 ? `${v}:00` : v}Z`);
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

function geometryField(
  def: FieldDef,
  id: string,
  map: MapView,
): Omit<FieldView, 'def' | 'element' | 'error'> & { box: HTMLElement } {
  const kinds = def.draw ?? ['Point'];
  const kindSel = h(
    'select',
    { 'aria-label': t('form.shape') },
    kinds.map((k) => h('option', { value: k }, tValue('shape', k))),
  );
  const text = h('textarea', { id, rows: 3, placeholder: t('form.coordsPlaceholder') });
  const drawBtn = h('button', { type: 'button' }, t('form.draw'));
  const finishBtn = h('button', { type: 'button', hidden: true }, t('form.finish'));
  drawBtn.addEventListener('click', () => {
    finishBtn.hidden = kindSel.value === 'Point';
    drawBtn.disabled = true;
    map.draw.start(kindSel.value as DrawKind, (g) => {
      drawBtn.disabled = false;
      finishBtn.hidden = true;
      if (!g) return;
      const pts =
        g.type === 'Point'
          ? [g.coordinates]
          : g.type === 'LineString'
            ? g.coordinates
            : g.type === 'Polygon'
              ? (g.coordinates[0] ?? []).slice(0, -1)
              : [];
      text.value = pts.map((c) => formatCoord([c[0] ?? 0, c[1] ?? 0], store.coordFormat)).join('\n');
    });
  });
  finishBtn.addEventListener('click', () => map.draw.finish());
  const box = h(
    'div',
    { className: 'geometry-input' },
    kinds.length > 1 ? kindSel : null,
    drawBtn,
    finishBtn,
    text,
  );
  return {
    box,
    input: text,
    value: () => {
      const pts = parseCoordList(text.value);
      return pts ? toGeometry(kindSel.value as DrawKind, pts) : undefined;
    },
  };
}

function fieldView(def: FieldDef, map: MapView): FieldView {
  const id = uid('f');
  const errId = `${id}-err`;
  const error = h('p', { className: 'field-error', id: errId, role: 'alert' });
  let input: FieldView['input'];
  let value: () => unknown;
  let box: HTMLElement | undefined;
  if (def.kind === 'geometry') {
    const g = geometryField(def, id, map);
    ({ input, value, box } = g);
  } else if (def.kind === 'select') {
    input = h(
      'select',
      { id },
      (def.options ?? []).map((o) => h('option', { value: o }, tValue('value', o))),
    );
    value = () => input.value;
  } else if (def.kind === 'textarea') {
    input = h('textarea', { id, rows: 2 });
    value = () => input.value.trim() || undefined;
  } else {
    const type = def.kind === 'datetime' ? 'datetime-local' : def.kind;
    input = h('input', { id, type, step: def.kind === 'number' ? 'any' : undefined });
    if (def.parties) input.value = store.person?.party ?? '';
    value = () =>
      def.parties
        ? partyList(input.value)
        : def.kind === 'datetime'
          ? utcFromInput(input.value)
          : def.kind === 'number'
            ? input.value === ''
              ? undefined
              : Number(input.value)
            : input.value.trim() || undefined;
  }
  input.setAttribute('aria-describedby', errId);
  input.required = Boolean(def.required) && def.kind !== 'geometry';
  const label = h(
    'label',
    { htmlFor: id },
    tValue('field', def.path),
    def.kind === 'datetime' ? ` (${t('form.utc')})` : '',
  );
  const element = h(
    'div',
    { className: `form-field field-${def.path.replace(/\//g, '-')}` },
    label,
    box ?? input,
    error,
  );
  return { def, element, error, input, value };
}

function showProblems(views: readonly FieldView[], general: HTMLElement, err: unknown): void {
  if (!(err instanceof ApiError)) {
    general.textContent = t('error.network');
    return;
  }
  general.textContent = err.title;
  const paths = views.map((v) => v.def.path);
  for (const issue of err.issues) {
    const v = views.find((x) => x.def.path === fieldFor(issue.pointer, paths));
    if (!v) {
      general.append(h('span', { className: 'issue' }, ` ${issue.pointer}: ${issue.reason}`));
      continue;
    }
    v.error.textContent = issue.reason;
    v.input.setAttribute('aria-invalid', 'true');
  }
}

function buildForm(def: FormDef, map: MapView, onCreated: () => void): HTMLElement {
  const views = def.fields.map((f) => fieldView(f, map));
  const general = h('p', { className: 'error', role: 'alert' });
  const done = h('p', { className: 'ok', role: 'status' });
  const form = h(
    'form',
    { className: 'create-form', 'data-form': def.id, noValidate: true },
    views.map((v) => v.element),
    general,
    done,
    h('button', { type: 'submit', disabled: Boolean(store.asOf) }, t('form.submit')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    general.textContent = done.textContent = '';
    const body: Record<string, unknown> = {};
    let bad = false;
    for (const v of views) {
      v.error.textContent = '';
      v.input.removeAttribute('aria-invalid');
      const val = v.value();
      if (val === undefined && (v.def.required || (v.def.kind === 'geometry' && v.input.value.trim()))) {
        v.error.textContent =
          v.def.kind === 'geometry' && v.input.value.trim() ? t('form.badCoords') : t('form.required');
        v.input.setAttribute('aria-invalid', 'true');
        bad = true;
      }
      if (val !== undefined) setPath(body, v.def.path, val);
    }
    if (bad) return;
    create(def.collection, body).then(
      () => ((done.textContent = t('form.created')), onCreated()),
      (err: unknown) => showProblems(views, general, err),
    );
  });
  return form;
}

export function renderForms(
  el: HTMLElement,
  map: MapView,
  active: { form: string },
  onCreated: () => void,
): void {
  const id = uid('form');
  const current = FORMS.find((f) => f.id === active.form) ?? FORMS[0];
  if (!current) return;
  const chooser = h(
    'select',
    {
      id,
      onchange: (e: Event) => (
        (active.form = (e.target as HTMLSelectElement).value),
        renderForms(el, map, active, onCreated)
      ),
    },
    FORMS.map((f) => h('option', { value: f.id, selected: f.id === current.id }, tValue('form', f.id))),
  );
  mount(
    el,
    h('div', { className: 'form-chooser' }, h('label', { htmlFor: id }, t('form.record')), chooser),
    buildForm(current, map, onCreated),
  );
}
