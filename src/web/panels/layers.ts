/** Layer toggles: one checkbox per layer group, kept across language changes. */
import { h, mount } from '../dom.ts';
import { t, tValue } from '../i18n/index.ts';
import { LAYER_GROUPS, type LayerGroup } from '../map/style.ts';

const hidden = new Set<LayerGroup>();

export function renderLayerToggles(el: HTMLElement, set: (g: LayerGroup, on: boolean) => void): void {
  const groups = Object.keys(LAYER_GROUPS) as LayerGroup[];
  mount(
    el,
    h(
      'fieldset',
      { className: 'layers' },
      h('legend', {}, t('layers.title')),
      groups.map((g) => {
        const id = `layer-${g}`;
        const box = h('input', { type: 'checkbox', id, checked: !hidden.has(g) });
        box.addEventListener('change', () => {
          if (box.checked) hidden.delete(g);
          else hidden.add(g);
          set(g, box.checked);
        });
        return h('div', { className: 'layer-toggle' }, box, h('label', { htmlFor: id }, tValue('layer', g)));
      }),
    ),
  );
}
