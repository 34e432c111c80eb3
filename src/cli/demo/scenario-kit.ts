/** The vocabulary of the demo scenario's steps, shared by its parts. */

export const EXERCISE = 'EXERCISE EXERCISE EXERCISE';

export interface Step {
  /** The demo person who issues the command. */
  readonly as: string;
  /** Name under which the created record's id is kept for later steps. */
  readonly ref?: string;
  readonly command: (refs: ReadonlyMap<string, string>) => Record<string, unknown>;
}

export type Pos = readonly [number, number];
export const point = (p: Pos) => ({ type: 'Point', coordinates: [...p] });
export const polygon = (ring: readonly Pos[]) => ({
  type: 'Polygon',
  coordinates: [[...ring.map((p) => [...p]), [...ring[0]!]]],
});
export const ref = (refs: ReadonlyMap<string, string>, name: string): string => {
  const id = refs.get(name);
  if (id === undefined) throw new Error(`scenario: no record named ${name} yet`);
  return id;
};
