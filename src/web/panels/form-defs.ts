/**
 * What each create form asks for. A field's `path` is its JSON pointer in the request body
 * (without the leading slash), so a server problem naming `/window/from` lands on that field.
 */
import type { Collection } from '../api.ts';
import type { DrawKind } from '../map/draw.ts';

export type FieldKind = 'text' | 'textarea' | 'number' | 'select' | 'datetime' | 'geometry';

export interface FieldDef {
  readonly path: string;
  readonly kind: FieldKind;
  readonly options?: readonly string[];
  readonly draw?: readonly DrawKind[];
  readonly required?: boolean;
  /** A comma-separated list sent as an array of strings, prefilled with the user's party. */
  readonly parties?: boolean;
}

export interface FormDef {
  readonly id: string;
  readonly collection: Collection;
  readonly fields: readonly FieldDef[];
}

const release: FieldDef = { path: 'release', kind: 'select', options: ['joint', 'office', 'sealed'] };
const windowFrom: FieldDef = { path: 'window/from', kind: 'datetime', required: true };
const windowTo: FieldDef = { path: 'window/to', kind: 'datetime', required: true };

export const FORMS: readonly FormDef[] = [
  {
    id: 'nomination',
    collection: 'nominations',
    fields: [
      { path: 'group', kind: 'text', required: true },
      { path: 'location', kind: 'geometry', draw: ['Point'], required: true },
      { path: 'justification', kind: 'textarea', required: true },
      windowFrom,
      windowTo,
      { path: 'executors', kind: 'text', parties: true, required: true },
    ],
  },
  {
    id: 'protected-site',
    collection: 'protected-sites',
    fields: [
      { path: 'name', kind: 'text', required: true },
      {
        path: 'category',
        kind: 'select',
        options: ['hospital', 'school', 'partner_force', 'aid_site', 'other'],
      },
      { path: 'geometry', kind: 'geometry', draw: ['Point', 'Polygon'], required: true },
      { path: 'bufferM', kind: 'number' },
      release,
    ],
  },
  {
    id: 'designated-area',
    collection: 'designated-areas',
    fields: [
      { path: 'name', kind: 'text', required: true },
      { path: 'geometry', kind: 'geometry', draw: ['Polygon'], required: true },
      { path: 'restricted_actors', kind: 'text' },
      { path: 'valid_from', kind: 'datetime' },
      { path: 'valid_to', kind: 'datetime' },
    ],
  },
  {
    id: 'notice',
    collection: 'notices',
    fields: [
      { path: 'group', kind: 'text', required: true },
      { path: 'geometry', kind: 'geometry', draw: ['Polygon'], required: true },
      windowFrom,
      windowTo,
    ],
  },
  {
    id: 'imminent-action',
    collection: 'imminent-actions',
    fields: [
      { path: 'geometry', kind: 'geometry', draw: ['Point'], required: true },
      { path: 'time', kind: 'datetime', required: true },
      { path: 'justification', kind: 'textarea', required: true },
    ],
  },
  {
    id: 'flight',
    collection: 'flights',
    fields: [
      { path: 'actor', kind: 'text', required: true },
      {
        path: 'category',
        kind: 'select',
        options: ['NONE', 'MEDEVAC', 'PERSONNEL_RECOVERY', 'HUMANITARIAN'],
      },
      { path: 'geometry', kind: 'geometry', draw: ['LineString'], required: true },
      { path: 'alt_min_m', kind: 'number' },
      { path: 'alt_max_m', kind: 'number' },
      windowFrom,
      windowTo,
    ],
  },
  {
    id: 'violation',
    collection: 'violations',
    fields: [
      { path: 'kind', kind: 'select', options: ['airstrike', 'shelling', 'ground_attack', 'siege', 'other'] },
      { path: 'geometry', kind: 'geometry', draw: ['Point'], required: true },
      { path: 'time', kind: 'datetime', required: true },
      { path: 'alleged_perpetrator', kind: 'text' },
      { path: 'casualties', kind: 'number' },
      { path: 'description', kind: 'textarea' },
    ],
  },
  {
    id: 'movement',
    collection: 'movements',
    fields: [
      { path: 'name', kind: 'text', required: true },
      { path: 'geometry', kind: 'geometry', draw: ['LineString', 'Point'], required: true },
      { path: 'destination', kind: 'text' },
      { path: 'corridor_m', kind: 'number' },
      windowFrom,
      windowTo,
      release,
    ],
  },
];
