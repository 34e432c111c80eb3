/**
 * The new-password prompt: a person signed in with a one-time password chooses their own before
 * anything else of the app is shown. The server's problems (`/current` wrong, `/next` too short)
 * are shown at the field they name.
 */
import { ApiError, changePassword, type Person } from '../api.ts';
import { h, mount } from '../dom.ts';
import { t, type Key } from '../i18n/index.ts';
import { fieldFor } from './forms.ts';

function field(id: string, labelKey: Key, autocomplete: string, hintKey?: Key) {
  const error = h('p', { className: 'field-error', id: `${id}-error`, role: 'alert' });
  const hint = hintKey ? h('p', { className: 'hint', id: `${id}-hint` }, t(hintKey)) : null;
  const input = h('input', { id, name: id, type: 'password', autocomplete, required: true });
  input.setAttribute('aria-describedby', hint ? `${id}-hint ${id}-error` : `${id}-error`);
  const element = h(
    'div',
    { className: `form-field field-${id}` },
    h('label', { htmlFor: id }, t(labelKey)),
    input,
    hint,
    error,
  );
  const show = (text: string) => {
    error.textContent = text;
    if (text) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  };
  return { element, input, show };
}

export function renderPasswordChange(
  el: HTMLElement,
  person: Person,
  onDone: (p: Person) => void,
  onSignOut: () => void,
): void {
  const current = field('password-current', 'password.current', 'current-password');
  const next = field('password-next', 'password.next', 'new-password', 'password.hint');
  const repeat = field('password-repeat', 'password.repeat', 'new-password');
  const general = h('p', { className: 'error', role: 'alert', id: 'password-error' });
  const form = h(
    'form',
    { className: 'login-form password-form', 'aria-labelledby': 'password-title', noValidate: true },
    h('h2', { id: 'password-title' }, t('password.title')),
    h('p', { className: 'intro' }, t('password.intro')),
    current.element,
    next.element,
    repeat.element,
    general,
    h('button', { type: 'submit' }, t('password.submit')),
    h('button', { type: 'button', className: 'link', onclick: onSignOut }, t('password.signOut')),
  );
  const fields = { current, next };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    general.textContent = '';
    for (const f of [current, next, repeat]) f.show('');
    const missing = [current, next, repeat].find((f) => f.input.value === '');
    if (missing) {
      missing.show(t('form.required'));
      missing.input.focus();
      return;
    }
    if (next.input.value !== repeat.input.value) {
      repeat.show(t('password.mismatch'));
      repeat.input.focus();
      return;
    }
    changePassword(current.input.value, next.input.value).then(
      () => onDone({ ...person, mustChangePassword: false }),
      (err: unknown) => {
        if (!(err instanceof ApiError)) {
          general.textContent = t('error.network');
          return;
        }
        general.textContent = err.status === 400 && err.issues.length ? t('form.fixFields') : err.title;
        let first: HTMLInputElement | undefined;
        for (const issue of err.issues) {
          const f = fields[fieldFor(issue.pointer, ['current', 'next']) as keyof typeof fields];
          if (!f) continue;
          // The only problem the server finds with the current password is that it is wrong.
          f.show(f === current ? t('password.wrongCurrent') : issue.reason);
          first ??= f.input;
        }
        first?.focus();
      },
    );
  });
  mount(el, form);
  current.input.focus();
}
