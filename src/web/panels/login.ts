/** The sign-in form. */
import { ApiError, login, type Person } from '../api.ts';
import { h, mount } from '../dom.ts';
import { t } from '../i18n/index.ts';

export function renderLogin(el: HTMLElement, onIn: (p: Person) => void): void {
  const error = h('p', { className: 'error', role: 'alert', id: 'login-error' });
  const name = h('input', { id: 'login-name', name: 'name', autocomplete: 'username', required: true });
  const password = h('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const form = h(
    'form',
    { className: 'login-form', 'aria-labelledby': 'login-title' },
    h('h2', { id: 'login-title' }, t('login.title')),
    h('label', { htmlFor: 'login-name' }, t('login.name')),
    name,
    h('label', { htmlFor: 'login-password' }, t('login.password')),
    password,
    error,
    h('button', { type: 'submit' }, t('login.submit')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    error.textContent = '';
    login(name.value, password.value).then(onIn, (err: unknown) => {
      error.textContent =
        err instanceof ApiError && err.status === 401 ? t('login.failed') : t('error.network');
    });
  });
  mount(el, form);
  name.focus();
}
