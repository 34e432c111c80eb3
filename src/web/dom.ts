/**
 * A few lines of DOM building instead of a UI framework: the app is a map plus panels that are
 * re-rendered whole when their data changes, which plain elements do well and keeps the bundle
 * small for a closed network.
 */
type Attrs = Record<string, string | number | boolean | undefined | EventListener>;
import { str } from './str.ts';
export type Child = Node | string | number | null | undefined | false | readonly Child[];

function append(el: Element, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child as readonly Child[]) append(el, c);
    return;
  }
  el.append(child instanceof Node ? child : typeof child === 'number' ? String(child) : (child as string));
}

/** Creates an element; `on*` attributes become listeners, `false`/undefined attributes are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name in el && name !== 'list' && name !== 'form' && typeof value !== 'boolean')
      (el as unknown as Record<string, unknown>)[name] = value;
    else el.setAttribute(name, value === true ? '' : str(value));
  }
  for (const child of children) append(el, child);
  return el;
}

/** Replaces the children of `el`. */
export function mount(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  for (const child of children) append(el, child);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing element #${id}`);
  return el as T;
}

let seq = 0;
/** A unique element id, for label/aria wiring. */
export function uid(prefix: string): string {
  seq += 1;
  return `${prefix}-${seq}`;
}
