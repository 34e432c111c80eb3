/**
 * The ledger: the latest cosigned checkpoint verified here in the browser against the verifier
 * keys, inclusion of one entry proved against that checkpoint's root, and revealing a
 * commitment this user's party owns.
 */
import { checkpoint, inclusionProof, reveal, verifierKeys } from '../api.ts';
import { h, mount, uid } from '../dom.ts';
import { t } from '../i18n/index.ts';
import {
  decodeB64,
  hex,
  parseCheckpoint,
  parseNote,
  parseVkey,
  rootFromInclusion,
  verifyNote,
  type Checkpoint,
} from '../ledger-verify.ts';
import { section } from './common.ts';

let latest: { note: string; cp: Checkpoint } | undefined;

async function verifyLatest(out: HTMLElement): Promise<void> {
  out.textContent = t('ledger.verifying');
  const text = await checkpoint();
  const note = parseNote(text);
  const cp = note ? parseCheckpoint(note.text) : undefined;
  if (!note || !cp) {
    out.textContent = t('ledger.malformed');
    return;
  }
  latest = { note: text, cp };
  const keys = (await verifierKeys()).map(parseVkey).filter((k) => k !== undefined);
  const verdicts = await verifyNote(note, keys);
  const ok = verdicts.length > 0 && verdicts.every((v) => v.ok);
  mount(
    out,
    h(
      'p',
      { className: ok ? 'ok' : 'bad', role: 'status' },
      ok ? t('ledger.verified') : t('ledger.notVerified'),
    ),
    h(
      'dl',
      {},
      h('dt', {}, t('ledger.origin')),
      h('dd', {}, cp.origin),
      h('dt', {}, t('ledger.size')),
      h('dd', {}, String(cp.size)),
      h('dt', {}, t('ledger.root')),
      h('dd', { className: 'mono' }, hex(cp.rootHash)),
    ),
    h(
      'ul',
      { className: 'sigs' },
      verdicts.map((v) => h('li', { className: v.ok ? 'ok' : 'bad' }, v.ok ? '✔ ' : '✘ ', v.name)),
    ),
    h('pre', { className: 'note' }, text),
  );
}

async function proveInclusion(index: number, out: HTMLElement): Promise<void> {
  if (!latest) await verifyLatest(h('div'));
  const cp = latest?.cp;
  if (!cp) return;
  const proof = await inclusionProof(index, cp.size);
  const leaf = decodeB64(proof.leafHash);
  const path = proof.hashes.map(decodeB64);
  const root =
    leaf && path.every((p) => p)
      ? await rootFromInclusion(index, cp.size, leaf, path as Uint8Array[])
      : undefined;
  const ok = root !== undefined && hex(root) === hex(cp.rootHash);
  out.className = ok ? 'ok' : 'bad';
  out.textContent = ok ? t('ledger.included', { index, size: cp.size }) : t('ledger.notIncluded', { index });
}

function indexForm(
  labelKey: 'ledger.entryIndex' | 'ledger.revealIndex',
  buttonKey: 'ledger.prove' | 'ledger.reveal',
  run: (i: number, out: HTMLElement) => Promise<void>,
) {
  const id = uid('idx');
  const input = h('input', { id, type: 'number', min: 0, step: 1, required: true });
  const out = h('p', { role: 'status' });
  const form = h(
    'form',
    { className: 'inline-form' },
    h('label', { htmlFor: id }, t(labelKey)),
    input,
    h('button', { type: 'submit' }, t(buttonKey)),
    out,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    run(Number(input.value), out).catch(() => (out.textContent = t('error.network')));
  });
  return form;
}

async function revealOne(index: number, out: HTMLElement): Promise<void> {
  const r = await reveal(index);
  mount(
    out,
    h('span', {}, t('ledger.revealed')),
    h('pre', { className: 'note' }, JSON.stringify(r, null, 2)),
  );
}

export function renderLedger(el: HTMLElement): void {
  const out = h('div', { className: 'ledger-out' });
  mount(
    el,
    section(
      'ledger.checkpoint',
      h(
        'button',
        {
          type: 'button',
          onclick: () => void verifyLatest(out).catch(() => (out.textContent = t('error.network'))),
        },
        t('ledger.verify'),
      ),
      out,
    ),
    section('ledger.inclusion', indexForm('ledger.entryIndex', 'ledger.prove', proveInclusion)),
    section(
      'ledger.reveals',
      h('p', { className: 'hint' }, t('ledger.revealHint')),
      indexForm('ledger.revealIndex', 'ledger.reveal', revealOne),
    ),
  );
}
