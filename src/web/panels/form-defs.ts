/**
 * What each create form asks for and what it sends: exactly the body the server's route takes
 * (the rules' command schemas, see src/server/commands.ts). A field's `path` is its JSON pointer
 * in the request body (without the leading slash), so a server problem naming `/window/from`
 * lands on that field; a form whose body is not its fields laid out by path (a flight's route
 * is waypoints with times) says how to build the body and which field a pointer names.
 */
import type { Target } from '../api.ts';
import type { DrawKind } from '../map/draw.ts';

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'select'
  | 'datetime'
  | 'geometry'
  | 'checkbox'
  | 'vehicles'
  | 'perpetrator';

export interface FieldDef {
  readonly path: string;
  readonly kind: FieldKind;
  readonly options?: readonly string[];
  /** An option that means "leave the field out" (a flight without an exemption category). */
  readonly none?: string;
  readonly draw?: readonly DrawKind[];
  readonly required?: boolean;
  /** A comma-separated list of upper-case codes, sent as an array of strings. */
  readonly list?: boolean;
  /** An upper-case code (party, actor, group). */
  readonly code?: boolean;
  /** Prefilled with the user's party. */
  readonly ownParty?: boolean;
  /** The value the field starts with. */
  readonly initial?: string;
}

export type Values = ReadonlyMap<string, unknown>;

export interface FormDef {
  readonly id: string;
  readonly target: Target;
  readonly fields: readonly FieldDef[];
  /** The body from the fields' values; by default each value at its path. */
  readonly body?: (values: Values) => Record<string, unknown>;
  /** The field a problem's pointer names when `body` rearranges the values. */
  readonly fieldOf?: (pointer: string) => string | undefined;
}

const release: FieldDef = { path: 'release', kind: 'select', options: ['joint', 'office', 'sealed'] };
const windowOf = (prefix = ''): FieldDef[] => [
  { path: `${prefix}window/from`, kind: 'datetime', required: true },
  { path: `${prefix}window/to`, kind: 'datetime', required: true },
];
const group: FieldDef = { path: 'group', kind: 'text', code: true, required: true };

/** Metres along a path of `[lon, lat]` vertices, from its start to each vertex. */
export function distancesAlong(pts: readonly (readonly number[])[]): number[] {
  const R = 6_371_000;
  const rad = Math.PI / 180;
  const out = [0];
  for (let i = 1; i < pts.length; i++) {
    const [lon1 = 0, lat1 = 0] = pts[i - 1] ?? [];
    const [lon2 = 0, lat2 = 0] = pts[i] ?? [];
    const a =
      Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
    out.push((out[i - 1] ?? 0) + 2 * R * Math.asin(Math.min(1, Math.sqrt(a))));
  }
  return out;
}

/**
 * A flight route as the rules take it: each waypoint with its time, the departure at the first,
 * the arrival at the last, and the times between in proportion to the distance flown (to the
 * second).
 */
export function waypoints(
  route: GeoJSON.Geometry | undefined,
  departure: string | undefined,
  arrival: string | undefined,
): { position: number[]; time: string | undefined }[] | undefined {
  if (route?.type !== 'LineString') return undefined;
  const pts = route.coordinates;
  const from = departure === undefined ? NaN : Date.parse(departure);
  const to = arrival === undefined ? NaN : Date.parse(arrival);
  const along = distancesAlong(pts);
  const total = along.at(-1) ?? 0;
  return pts.map((p, i) => {
    const share = total > 0 ? (along[i] ?? 0) / total : i / Math.max(1, pts.length - 1);
    const time =
      i === 0
        ? departure
        : i === pts.length - 1
          ? arrival
          : Number.isFinite(from) && Number.isFinite(to)
            ? new Date(Math.round((from + (to - from) * share) / 1000) * 1000).toISOString()
            : undefined;
    return { position: [...p], time };
  });
}

const flightBody = (v: Values): Record<string, unknown> => {
  const route = waypoints(
    v.get('route') as GeoJSON.Geometry | undefined,
    v.get('departure') as string | undefined,
    v.get('arrival') as string | undefined,
  );
  const body: Record<string, unknown> = {
    actor: v.get('actor'),
    aircraft: v.get('aircraft'),
    route,
    band: { minM: v.get('band/minM'), maxM: v.get('band/maxM') },
  };
  for (const k of ['category', 'remarks']) if (v.get(k) !== undefined) body[k] = v.get(k);
  return body;
};

/** `/route/0/time` is the departure, any later waypoint's time the arrival. */
const flightField = (pointer: string): string | undefined => {
  const m = /^\/route\/(\d+)\/time/.exec(pointer);
  if (m) return m[1] === '0' ? 'departure' : 'arrival';
  return pointer.startsWith('/route') ? 'route' : undefined;
};

export const FORMS: readonly FormDef[] = [
  {
    id: 'nomination',
    target: { collection: 'nominations' },
    fields: [
      group,
      { path: 'location', kind: 'geometry', draw: ['Point'], required: true },
      { path: 'justification', kind: 'textarea', required: true },
      ...windowOf(),
      { path: 'executors', kind: 'text', list: true, ownParty: true, required: true },
    ],
  },
  {
    id: 'protected-site',
    target: { collection: 'protected-sites' },
    fields: [
      { path: 'name', kind: 'text', required: true },
      {
        path: 'category',
        kind: 'select',
        options: ['hospital', 'school', 'place_of_worship', 'refugee_camp', 'aid_facility', 'partner_force'],
      },
      { path: 'geometry', kind: 'geometry', draw: ['Point', 'Polygon'], required: true },
      { path: 'bufferM', kind: 'number' },
      release,
    ],
  },
  {
    id: 'designated-area',
    target: { command: 'RegisterDesignatedArea' },
    fields: [
      { path: 'name', kind: 'text', required: true },
      { path: 'area', kind: 'geometry', draw: ['Polygon'], required: true },
      ...windowOf(),
      { path: 'band/minM', kind: 'number' },
      { path: 'band/maxM', kind: 'number' },
      { path: 'restrictedActors', kind: 'text', list: true },
    ],
  },
  {
    id: 'notice',
    target: { collection: 'notices' },
    fields: [
      group,
      { path: 'area', kind: 'geometry', draw: ['Polygon'], required: true },
      ...windowOf(),
      { path: 'remarks', kind: 'textarea' },
    ],
  },
  {
    id: 'imminent-action',
    target: { collection: 'imminent-actions' },
    fields: [
      group,
      { path: 'location', kind: 'geometry', draw: ['Point'], required: true },
      { path: 'actionAt', kind: 'datetime', required: true },
      { path: 'threat', kind: 'textarea', required: true },
    ],
  },
  {
    id: 'flight',
    target: { command: 'FileFlight' },
    fields: [
      { path: 'actor', kind: 'text', code: true, ownParty: true, required: true },
      { path: 'aircraft', kind: 'text', required: true },
      {
        path: 'category',
        kind: 'select',
        options: ['NONE', 'MEDEVAC', 'PERSONNEL_RECOVERY', 'HUMANITARIAN'],
        none: 'NONE',
      },
      { path: 'route', kind: 'geometry', draw: ['LineString'], required: true },
      { path: 'departure', kind: 'datetime', required: true },
      { path: 'arrival', kind: 'datetime', required: true },
      { path: 'band/minM', kind: 'number', required: true },
      { path: 'band/maxM', kind: 'number', required: true },
      { path: 'remarks', kind: 'textarea' },
    ],
    body: flightBody,
    fieldOf: flightField,
  },
  {
    id: 'violation',
    target: { collection: 'violations' },
    fields: [
      {
        path: 'kind',
        kind: 'select',
        options: ['air_strike', 'shelling', 'ground_attack', 'sniper_fire', 'siege_denial', 'barrel_bomb'],
      },
      { path: 'place', kind: 'geometry', draw: ['Point', 'Polygon'], required: true },
      { path: 'time/at', kind: 'datetime', required: true },
      { path: 'perpetrator', kind: 'perpetrator' },
      { path: 'casualties/killed', kind: 'number', initial: '0', required: true },
      { path: 'casualties/injured', kind: 'number', initial: '0', required: true },
      { path: 'casualties/confidence', kind: 'select', options: ['low', 'medium', 'high'] },
      { path: 'narrative', kind: 'textarea', required: true },
      { path: 'shieldReporter', kind: 'checkbox' },
    ],
  },
  {
    id: 'movement',
    target: { collection: 'movements' },
    fields: [
      { path: 'movement/kind', kind: 'select', options: ['convoy', 'evacuation'] },
      { path: 'movement/name', kind: 'text', required: true },
      { path: 'movement/route', kind: 'geometry', draw: ['LineString'], required: true },
      { path: 'movement/corridorWidthM', kind: 'number', initial: '1000', required: true },
      ...windowOf('movement/'),
      { path: 'movement/vehicles', kind: 'vehicles', required: true },
      { path: 'movement/destination/name', kind: 'text', required: true },
      { path: 'movement/destination/besieged', kind: 'checkbox' },
      { path: 'movement/destination/geometry', kind: 'geometry', draw: ['Point', 'Polygon'] },
    ],
  },
];
