/**
 * Create forms. Geometry is drawn on the map or typed (one coordinate a line, degrees or MGRS).
 * Server problems (RFC 9457 with field pointers) are shown next to the field they name, and the
 * first field in error takes the focus. What was created reaches the map through the live feed.
 */
import { ApiError, create } from '../api.ts';
import { formatCoord, parseCoordList } from '../coords.ts';
import { h, mount, uid } from '../dom.ts';
import { t, tValue, type Key } from '../i18n/index.ts';
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
  /** Why what was typed cannot be read, before anything is sent. */
  bad?(): Key | undefined;
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
  const read = () => {
    const pts = parseCoordList(text.value);
    return pts ? toGeometry(kindSel.value as DrawKind, pts) : undefined;
  };
  return {
    box,
    input: text,
    value: read,
    bad: () => (text.value.trim() && !read() ? 'form.badCoords' : undefined),
  };
}

/** `12 trucks` one a line, as `[{kind: 'trucks', count: 12}]`; undefined if a line is not so. */
export function parseVehicles(text: string): { kind: string; count: number }[] | undefined {
  const out: { kind: string; count: number }[] = [];
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,6})\s*[x×*]?\s+(.+)$/u.exec(line) ?? /^(.+?)\s*[x×*:]\s*(\d{1,6})$/u.exec(line);
    if (!m) return undefined;
    const [count, kind] = /^\d/.test(m[1] ?? '') ? [m[1], m[2]] : [m[2], m[1]];
    out.push({ kind: (kind ?? '').trim(), count: Number(count) });
  }
  return out;
}

/** Who is alleged to have done it: unknown, a party or an actor, with its code. */
function perpetratorField(id: string): Omit<FieldView, 'def' | 'element' | 'error'> & { box: HTMLElement } {
  const kind = h(
    'select',
    { id, 'aria-label': t('form.perpetratorKind') },
    ['unknown', 'party', 'actor'].map((k) => h('option', { value: k }, tValue('value', k))),
  );
  const code = h('input', {
    'aria-label': t('form.perpetratorCode'),
    hidden: true,
    placeholder: t('form.codePlaceholder'),
  });
  kind.addEventListener('change', () => (code.hidden = kind.value === 'unknown'));
  return {
    box: h('div', { className: 'perpetrator-input' }, kind, code),
    input: kind,
    value: () => {
      const c = code.value.trim().toUpperCase();
      if (kind.value === 'party') return { kind: 'party', party: c };
      if (kind.value === 'actor') return { kind: 'actor', actor: c };
      return { kind: 'unknown' };
    },
  };
}

function plainInput(def: FieldDef, id: string): Omit<FieldView, 'def' | 'element' | 'error'> {
  if (def.kind === 'select') {
    const input = h(
      'select',
      { id },
      (def.options ?? []).map((o) => h('option', { value: o }, tValue('value', o))),
    );
    return { input, value: () => (input.value === def.none ? undefined : input.value) };
  }
  if (def.kind === 'textarea' || def.kind === 'vehicles') {
    const input = h('textarea', {
      id,
      rows: 2,
      placeholder: def.kind === 'vehicles' ? t('form.vehiclesPlaceholder') : undefined,
    });
    if (def.kind === 'textarea') return { input, value: () => input.value.trim() || undefined };
    return {
      input,
      value: () => (input.value.trim() ? parseVehicles(input.value) : undefined),
      bad: () => (input.value.trim() && !parseVehicles(input.value) ? 'form.badVehicles' : undefined),
    };
  }
  if (def.kind === 'checkbox') {
    const input = h('input', { id, type: 'checkbox' });
    return { input, value: () => input.checked };
  }
  const type = def.kind === 'datetime' ? 'datetime-local' : def.kind;
  const input = h('input', { id, type, step: def.kind === 'number' ? 'any' : undefined });
  input.value = def.ownParty ? (store.person?.party ?? '') : (def.initial ?? '');
  const value = (): unknown => {
    const v = input.value.trim();
    if (def.list) return partyList(v);
    if (def.kind === 'datetime') return utcFromInput(v);
    if (def.kind === 'number') return v === '' ? undefined : Number(v);
    return (def.code ? v.toUpperCase() : v) || undefined;
  };
  return { input, value };
}

function fieldView(def: FieldDef, map: MapView): FieldView {
  const id = uid('f');
  const errId = `${id}-err`;
  const error = h('p', { className: 'field-error', id: errId, role: 'alert' });
  const view =
    def.kind === 'geometry'
      ? geometryField(def, id, map)
      : def.kind === 'perpetrator'
        ? perpetratorField(id)
        : plainInput(def, id);
  const { input } = view;
  input.setAttribute('aria-describedby', errId);
  input.required = Boolean(def.required) && def.kind !== 'geometry';
  const label = h(
    'label',
    { htmlFor: id },
    tValue('field', def.path),
    def.kind === 'datetime' ? ` (${t('form.utc')})` : '',
  );
  const box: HTMLElement = 'box' in view ? (view.box as HTMLElement) : input;
  const element = h(
    'div',
    {
      className: `form-field field-${def.path.replace(/\//g, '-')}${def.kind === 'checkbox' ? ' check' : ''}`,
    },
    def.kind === 'checkbox' ? [box, label] : [label, box],
    error,
  );
  return { def, element, error, ...view };
}

function showProblems(def: FormDef, views: readonly FieldView[], general: HTMLElement, err: unknown): void {
  if (!(err instanceof ApiError)) {
    general.textContent = t('error.network');
    return;
  }
  // A malformed body says only "invalid"; the fields say what: the summary is ours, translated.
  // A refusal by the agreement (422) explains itself, and is shown as the server words it.
  general.textContent = err.status === 400 && err.issues.length ? t('form.fixFields') : err.title;
  const paths = views.map((v) => v.def.path);
  let first: FieldView | undefined;
  for (const issue of err.issues) {
    const path = def.fieldOf?.(issue.pointer) ?? fieldFor(issue.pointer, paths);
    const v = views.find((x) => x.def.path === path);
    if (!v) {
      general.append(h('span', { className: 'issue' }, ` ${issue.pointer}: ${issue.reason}`));
      continue;
    }
    v.error.textContent = v.error.textContent ? `${v.error.textContent} ${issue.reason}` : issue.reason;
    v.input.setAttribute('aria-invalid', 'true');
    first ??= v;
  }
  first?.input.focus();
}

/** The request body: each value at its path, unless the form builds it itself. */
export function bodyOf(def: FormDef, values: ReadonlyMap<string, unknown>): Record<string, unknown> {
  if (def.body) return def.body(values);
  const body: Record<string, unknown> = {};
  for (const [path, v] of values) if (v !== undefined) setPath(body, path, v);
  return body;
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
    const values = new Map<string, unknown>();
    let firstBad: FieldView | undefined;
    for (const v of views) {
      v.error.textContent = '';
      v.input.removeAttribute('aria-invalid');
      const val = v.value();
      const bad = v.bad?.() ?? (val === undefined && v.def.required ? 'form.required' : undefined);
      if (bad) {
        v.error.textContent = t(bad);
        v.input.setAttribute('aria-invalid', 'true');
        firstBad ??= v;
      }
      values.set(v.def.path, val);
    }
    if (firstBad) {
      firstBad.input.focus();
      return;
    }
    create(def.target, bodyOf(def, values)).then(
      (res) => {
        const id = res && typeof res === 'object' ? (res as Record<string, unknown>)['id'] : undefined;
        done.textContent = t('form.created');
        if (typeof id === 'string') done.dataset['id'] = id;
        onCreated();
      },
      (err: unknown) => showProblems(def, views, general, err),
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
