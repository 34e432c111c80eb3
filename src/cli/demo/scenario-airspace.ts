/**
 * The airspace part of the demo scenario: designated areas closed to SY-AF over Idlib and west of
 * Aleppo, and filed flights of both parties, one of them a MEDEVAC exemption.
 */
import { EXERCISE, polygon, ref, type Pos, type Step } from './scenario-kit.ts';
import { MEDEVAC_ROUTE } from './simulator.ts';

/** Designated areas closed to SY-AF, and filed flights of both parties, one a MEDEVAC exemption. */
export function airspace(at: (h: number) => string): Step[] {
  const area = (name: string, r: string, ring: readonly Pos[]): Step[] => [
    {
      as: 'us-operator',
      ref: r,
      command: () => ({
        type: 'RegisterDesignatedArea',
        name: `${EXERCISE} ${name}`,
        area: polygon(ring),
        window: { from: at(-24), to: at(24 * 30) },
      }),
    },
    { as: 'ru-operator', command: (refs) => ({ type: 'AcknowledgeReceipt', record: ref(refs, r) }) },
  ];
  const flight = (
    as: string,
    r: string,
    actor: string,
    aircraft: string,
    route: readonly Pos[],
    startH: number,
    legMinutes: number,
    band: [number, number],
    category?: string,
  ): Step => ({
    as,
    ref: r,
    command: () => ({
      type: 'FileFlight',
      actor,
      aircraft,
      route: route.map((p, i) => ({ position: [...p], time: at(startH + (i * legMinutes) / 60) })),
      band: { minM: band[0], maxM: band[1] },
      ...(category ? { category } : {}),
      remarks: `${EXERCISE} filed flight`,
    }),
  });
  const medevacLoop = [...MEDEVAC_ROUTE, MEDEVAC_ROUTE[0]!];
  // The helicopter shuttles for two days: repeat its circuit in the notification.
  const medevacRoute = Array.from({ length: 12 }, () => medevacLoop.slice(0, -1)).flat();
  return [
    ...area('Idlib designated area', 'areaIdlib', [
      [36.3, 35.62],
      [36.95, 35.62],
      [36.95, 36.15],
      [36.3, 36.15],
    ]),
    ...area('Western Aleppo countryside designated area', 'areaAleppo', [
      [36.85, 36.05],
      [37.12, 36.05],
      [37.12, 36.36],
      [36.85, 36.36],
    ]),
    flight(
      'ru-operator',
      'medevac',
      'SY-AF',
      'SY-MI17-MEDEVAC',
      [...medevacRoute, medevacRoute[0]!],
      0.1,
      30,
      [0, 1500],
      'MEDEVAC',
    ),
    { as: 'us-operator', command: (refs) => ({ type: 'AcknowledgeReceipt', record: ref(refs, 'medevac') }) },
    flight(
      'us-operator',
      'usFlight',
      'US',
      'US-F16-1',
      [
        [35.426, 37.002],
        [37.2, 36.6],
        [38.9, 35.95],
        [35.426, 37.002],
      ],
      2,
      30,
      [7000, 8000],
    ),
    flight(
      'ru-operator',
      'ruFlight',
      'RU',
      'RU-SU34-1',
      [
        [35.948, 35.401],
        [36.3, 35.75],
        [36.62, 35.98],
        [35.948, 35.401],
      ],
      3,
      20,
      [5500, 6500],
    ),
    { as: 'ru-operator', command: (refs) => ({ type: 'AcknowledgeReceipt', record: ref(refs, 'usFlight') }) },
  ];
}
