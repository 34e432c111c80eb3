/** Commands of the airspace tests, written as on the wire. */
import { HOUR, T0, iso, square } from './given.ts';

export const MIN = 60_000;
/** A designated area around Idlib. */
export const IDLIB: [number, number] = [36.63, 35.93];
export const areaCommand = (over: Record<string, unknown> = {}) => ({
  type: 'RegisterDesignatedArea',
  name: 'Idlib designated area',
  area: square(IDLIB, 0.2),
  window: { from: iso(T0), to: iso(T0 + 48 * HOUR) },
  band: { minM: 0, maxM: 8000 },
  ...over,
});

/** A west-to-east route across the area, starting `startMin` minutes after T0. */
export const flightCommand = (over: Record<string, unknown> = {}, startMin = 120, lat = IDLIB[1]) => ({
  type: 'FileFlight',
  actor: 'SY-AF',
  aircraft: 'SYAF-101',
  route: [
    { position: [IDLIB[0] - 0.5, lat], time: iso(T0 + startMin * MIN) },
    { position: [IDLIB[0] + 0.5, lat], time: iso(T0 + (startMin + 30) * MIN) },
  ],
  band: { minM: 2000, maxM: 4000 },
  ...over,
});
