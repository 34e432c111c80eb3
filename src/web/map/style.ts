/**
 * The offline basemap and the overlay layers. Nothing here is fetched: country shapes are
 * bundled from `world-atlas` (Natural Earth), place names are drawn as HTML labels, and no
 * layer uses text, so the style needs no glyphs, sprites or tile server.
 */
import type {
  ExpressionSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-50m.json' with { type: 'json' };

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Party colours: one hue per party, used for sites, tracks and flights alike. */
export const partyColor: ExpressionSpecification = [
  'match',
  ['get', 'owner'],
  'US',
  '#2b6cb0',
  'RU',
  '#c53030',
  'JOINT',
  '#2f855a',
  '#6b46c1',
];

const statusColor: ExpressionSpecification = [
  'match',
  ['get', 'status'],
  'vetted',
  '#2f855a',
  'blocked',
  '#c53030',
  'non_concurred',
  '#9b2c2c',
  'invalidated',
  '#dd6b20',
  'executed',
  '#1a202c',
  '#3182ce',
];

/** The overlay sources, one per collection plus derived ones (buffers, trails, drawing). */
export const OVERLAY_SOURCES = [
  'designated-areas',
  'protected-sites',
  'site-buffers',
  'movements',
  'nominations',
  'notices',
  'imminent-actions',
  'flights',
  'alerts',
  'violations',
  'track-trails',
  'tracks',
  'draw',
] as const;
export type OverlaySource = (typeof OVERLAY_SOURCES)[number];

function basemapSources(): Record<string, SourceSpecification> {
  const topo = countries as unknown as Topology<{ countries: GeometryCollection }>;
  const land = feature(topo, topo.objects.countries);
  const sources: Record<string, SourceSpecification> = { countries: { type: 'geojson', data: land } };
  for (const s of OVERLAY_SOURCES) sources[s] = { type: 'geojson', data: EMPTY };
  return sources;
}

const polyOnly: ExpressionSpecification = [
  'match',
  ['geometry-type'],
  ['Polygon', 'MultiPolygon'],
  true,
  false,
];
const lineOnly: ExpressionSpecification = [
  'match',
  ['geometry-type'],
  ['LineString', 'MultiLineString'],
  true,
  false,
];
const pointOnly: ExpressionSpecification = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false];

const basemapLayers: LayerSpecification[] = [
  { id: 'water', type: 'background', paint: { 'background-color': '#c9dbe6' } },
  { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': '#f1efe6' } },
  {
    id: 'syria',
    type: 'fill',
    source: 'countries',
    filter: ['==', ['get', 'name'], 'Syria'],
    paint: { 'fill-color': '#fbf8ee' },
  },
  { id: 'borders', type: 'line', source: 'countries', paint: { 'line-color': '#9a9482', 'line-width': 1 } },
];

/** Layers per toggle group; the group id is also the i18n key suffix `layer.<group>`. */
export const LAYER_GROUPS = {
  areas: ['designated-areas-fill', 'designated-areas-line'],
  sites: ['site-buffers-fill', 'protected-sites-fill', 'protected-sites-point'],
  movements: ['movements-corridor', 'movements-line', 'movements-point'],
  nominations: ['nominations-point'],
  notices: ['notices-fill', 'notices-line'],
  actions: ['imminent-actions-point'],
  flights: ['flights-line', 'flights-point'],
  tracks: ['track-trails-line', 'tracks-heading', 'tracks-point'],
  alerts: ['alerts-ring'],
  violations: ['violations-point'],
  heatmap: ['violations-heat'],
} as const;
export type LayerGroup = keyof typeof LAYER_GROUPS;

/** Layers whose features open the detail panel when clicked. */
export const CLICKABLE = [
  'designated-areas-fill',
  'protected-sites-fill',
  'protected-sites-point',
  'movements-line',
  'movements-point',
  'nominations-point',
  'notices-fill',
  'imminent-actions-point',
  'flights-line',
  'tracks-point',
  'alerts-ring',
  'violations-point',
];

const validityColor: ExpressionSpecification = [
  'match',
  ['get', '_validity'],
  'active',
  '#e53e3e',
  'future',
  '#dd6b20',
  '#a0aec0',
];

// Corridor widths are metres; at the latitude of Syria one pixel at zoom z is ~128 km / 2^z.
const corridorWidth: ExpressionSpecification = [
  'interpolate',
  ['exponential', 2],
  ['zoom'],
  0,
  [
    'max',
    2,
    [
      '/',
      ['*', 2, ['coalesce', ['get', 'corridor_m'], ['/', ['coalesce', ['get', 'corridorWidthM'], 2000], 2]]],
      128233,
    ],
  ],
  16,
  [
    '/',
    [
      '*',
      2 * 65536,
      ['coalesce', ['get', 'corridor_m'], ['/', ['coalesce', ['get', 'corridorWidthM'], 2000], 2]],
    ],
    128233,
  ],
];

function areaLayers(): LayerSpecification[] {
  return [
    {
      id: 'designated-areas-fill',
      type: 'fill',
      source: 'designated-areas',
      paint: { 'fill-color': validityColor, 'fill-opacity': 0.22 },
    },
    {
      id: 'designated-areas-line',
      type: 'line',
      source: 'designated-areas',
      paint: { 'line-color': validityColor, 'line-width': 2, 'line-dasharray': [3, 2] },
    },
    {
      id: 'site-buffers-fill',
      type: 'fill',
      source: 'site-buffers',
      paint: { 'fill-color': partyColor, 'fill-opacity': 0.12, 'fill-outline-color': partyColor },
    },
    {
      id: 'protected-sites-fill',
      type: 'fill',
      source: 'protected-sites',
      filter: polyOnly,
      paint: { 'fill-color': partyColor, 'fill-opacity': 0.35 },
    },
    {
      id: 'protected-sites-point',
      type: 'circle',
      source: 'protected-sites',
      filter: pointOnly,
      paint: {
        'circle-radius': 6,
        'circle-color': '#ffffff',
        'circle-stroke-color': partyColor,
        'circle-stroke-width': 3,
      },
    },
  ];
}

function operationLayers(): LayerSpecification[] {
  return [
    {
      id: 'movements-corridor',
      type: 'line',
      source: 'movements',
      filter: lineOnly,
      paint: { 'line-color': '#38a169', 'line-opacity': 0.18, 'line-width': corridorWidth },
    },
    {
      id: 'movements-line',
      type: 'line',
      source: 'movements',
      filter: lineOnly,
      paint: { 'line-color': '#276749', 'line-width': 3 },
    },
    {
      id: 'movements-point',
      type: 'circle',
      source: 'movements',
      filter: pointOnly,
      paint: {
        'circle-radius': 7,
        'circle-color': '#38a169',
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'notices-fill',
      type: 'fill',
      source: 'notices',
      paint: { 'fill-color': '#805ad5', 'fill-opacity': 0.12 },
    },
    {
      id: 'notices-line',
      type: 'line',
      source: 'notices',
      paint: { 'line-color': '#805ad5', 'line-width': 2, 'line-dasharray': [1, 1] },
    },
    {
      id: 'flights-line',
      type: 'line',
      source: 'flights',
      filter: lineOnly,
      paint: { 'line-color': partyColor, 'line-width': 2, 'line-dasharray': [4, 2] },
    },
    {
      id: 'flights-point',
      type: 'circle',
      source: 'flights',
      filter: pointOnly,
      paint: { 'circle-radius': 3, 'circle-color': partyColor },
    },
  ];
}

function eventLayers(): LayerSpecification[] {
  return [
    {
      id: 'violations-heat',
      type: 'heatmap',
      source: 'violations',
      paint: { 'heatmap-radius': 30, 'heatmap-opacity': 0.6, 'heatmap-intensity': 1 },
    },
    {
      id: 'violations-point',
      type: 'circle',
      source: 'violations',
      paint: {
        'circle-radius': 5,
        'circle-color': '#744210',
        'circle-stroke-color': '#fefcbf',
        'circle-stroke-width': 1,
      },
    },
    {
      id: 'nominations-point',
      type: 'circle',
      source: 'nominations',
      paint: {
        'circle-radius': 8,
        'circle-color': statusColor,
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'imminent-actions-point',
      type: 'circle',
      source: 'imminent-actions',
      paint: {
        'circle-radius': 7,
        'circle-color': '#d69e2e',
        'circle-stroke-color': '#1a202c',
        'circle-stroke-width': 2,
      },
    },
  ];
}

const trackColor: ExpressionSpecification = ['case', ['get', '_alert'], '#e53e3e', partyColor];

function liveLayers(): LayerSpecification[] {
  return [
    {
      id: 'track-trails-line',
      type: 'line',
      source: 'track-trails',
      paint: { 'line-color': partyColor, 'line-width': 1.5, 'line-opacity': 0.55 },
    },
    // Circles and plain lines rather than rotated icons: no symbol placement or collision pass
    // on the main thread, and one cheap draw per layer for 2,000 aircraft.
    {
      id: 'tracks-heading',
      type: 'line',
      source: 'tracks',
      filter: lineOnly,
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': trackColor, 'line-width': ['case', ['get', '_alert'], 3, 2] },
    },
    {
      id: 'tracks-point',
      type: 'circle',
      source: 'tracks',
      filter: pointOnly,
      paint: {
        'circle-radius': ['case', ['get', '_alert'], 5.5, 4],
        'circle-color': trackColor,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    },
    {
      id: 'alerts-ring',
      type: 'circle',
      source: 'alerts',
      paint: {
        'circle-radius': 16,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': ['case', ['get', '_acked'], '#a0aec0', '#e53e3e'],
        'circle-stroke-width': 3,
      },
    },
    {
      id: 'draw-line',
      type: 'line',
      source: 'draw',
      paint: { 'line-color': '#000', 'line-width': 2, 'line-dasharray': [2, 1] },
    },
    {
      id: 'draw-point',
      type: 'circle',
      source: 'draw',
      paint: { 'circle-radius': 5, 'circle-color': '#000' },
    },
  ];
}

export function buildStyle(): StyleSpecification {
  return {
    version: 8,
    sources: basemapSources(),
    layers: [...basemapLayers, ...areaLayers(), ...operationLayers(), ...eventLayers(), ...liveLayers()],
  };
}
