/**
 * Every string the user reads comes from a dictionary here. `ru` is typed against `en`, so a
 * missing key fails the typecheck; test/web/i18n.test.ts checks the rest (no empty strings,
 * no key used in code that is absent, placeholders kept).
 */
import { en } from './en.ts';
import { ru } from './ru.ts';
import { str } from '../str.ts';

export type Key = keyof typeof en;
export type Lang = 'en' | 'ru';
export const LANGS: readonly Lang[] = ['en', 'ru'];

const dictionaries: Record<Lang, Record<Key, string>> = { en, ru };
let current: Lang = 'en';
const listeners = new Set<() => void>();

export function lang(): Lang {
  return current;
}

export function setLang(l: Lang): void {
  current = l;
  document.documentElement.lang = l;
  for (const f of listeners) f();
}

export function onLangChange(f: () => void): void {
  listeners.add(f);
}

/** The text of `key` in the current language, with `{name}` placeholders filled. */
export function t(key: Key, vars: Record<string, string | number> = {}): string {
  const s = dictionaries[current][key];
  return s.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** A translated label for a value coming from the server (status, kind...), or the value itself. */
export function tValue(prefix: string, value: unknown): string {
  const key = `${prefix}.${str(value)}`;
  return key in en ? t(key as Key) : str(value);
}
