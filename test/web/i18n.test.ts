import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { en } from '../../src/web/i18n/en.ts';
import { ru } from '../../src/web/i18n/ru.ts';
import { FORMS } from '../../src/web/panels/form-defs.ts';
import { repoRoot } from '../support/paths.ts';

const web = join(repoRoot, 'src', 'web');
const keys = new Set(Object.keys(en));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (n === 'static' || n === 'i18n') return [];
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** String literals that reach the screen without a dictionary: h() children and text/label props. */
function untranslated(file: string, text = readFileSync(file, 'utf8')): string[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const shown = (n: ts.Node) => ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n);
  const wordy = (s: string) => /\p{L}{2,}/u.test(s);
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && n.expression.getText() === 'h') {
      for (const a of n.arguments.slice(2))
        if (shown(a) && wordy((a as ts.StringLiteral).text)) found.push(a.getText());
      const attrs = n.arguments[1];
      if (attrs && ts.isObjectLiteralExpression(attrs))
        for (const p of attrs.properties)
          if (
            ts.isPropertyAssignment(p) &&
            /^('?aria-label'?|title|placeholder|alt)$/.test(p.name.getText()) &&
            shown(p.initializer)
          )
            found.push(p.initializer.getText());
    }
    if (
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      /\.(textContent|title|placeholder)$/.test(n.left.getText()) &&
      shown(n.right) &&
      wordy((n.right as ts.StringLiteral).text)
    )
      found.push(n.right.getText());
    ts.forEachChild(n, visit);
  };
  visit(src);
  return found.map((s) => `${file.replace(repoRoot, '')}: ${s}`);
}

describe('the dictionaries', () => {
  it('have the same keys in English and Russian', () => {
    assert.deepEqual(Object.keys(ru).sort(), Object.keys(en).sort());
  });

  it('have no empty text and keep every placeholder in both languages', () => {
    const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of keys) {
      const e = en[k as keyof typeof en];
      const r = ru[k as keyof typeof ru];
      assert.ok(e.trim() && r.trim(), k);
      assert.deepEqual(vars(r), vars(e), k);
    }
  });

  it('hold every key the code asks for by name', () => {
    const missing: string[] = [];
    for (const f of sources(web)) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([^']+)'/g))
        if (!keys.has(m[1] ?? '')) missing.push(m[1] ?? '');
    }
    assert.deepEqual(missing, []);
  });

  it('name every form, field and option of the create forms', () => {
    const need = FORMS.flatMap((f) => [
      `form.${f.id}`,
      ...f.fields.flatMap((d) => [`field.${d.path}`, ...(d.options ?? []).map((o) => `value.${o}`)]),
    ]);
    assert.deepEqual(
      need.filter((k) => !keys.has(k)),
      [],
    );
  });
});

describe('the UI code', () => {
  it('puts no untranslated text on the screen', () => {
    assert.deepEqual(
      sources(web).flatMap((f) => untranslated(f)),
      [],
    );
  });

  it('would be caught putting a literal in an element, a label or textContent', () => {
    const code = `h('p', {}, 'Signed in'); h('button', { 'aria-label': 'Close' }); el.textContent = 'Loading';`;
    assert.equal(untranslated('x.ts', code).length, 3);
  });
});
