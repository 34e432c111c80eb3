/**
 * Plain readonly GeoJSON (RFC 7946) data as the rest of jig sees it once the edge has parsed it.
 * Positions are `[lon, lat]` or `[lon, lat, alt]` in WGS 84 degrees and metres.
 */
import type { Brand } from '../core/index.ts';

/** A validated position: longitude in [-180, 180], latitude in [-90, 90], optional altitude (m). */
export type LonLat = Brand<readonly [number, number] | readonly [number, number, number], 'LonLat'>;
export type Ring = readonly LonLat[];

export interface PointGeometry {
  readonly type: 'Point';
  readonly coordinates: LonLat;
}
export interface MultiPointGeometry {
  readonly type: 'MultiPoint';
  readonly coordinates: readonly LonLat[];
}
export interface LineStringGeometry {
  readonly type: 'LineString';
  readonly coordinates: readonly LonLat[];
}
export interface MultiLineStringGeometry {
  readonly type: 'MultiLineString';
  readonly coordinates: readonly (readonly LonLat[])[];
}
/** Exterior ring first (counter-clockwise), then holes (clockwise): rewound by the parser. */
export interface PolygonGeometry {
  readonly type: 'Polygon';
  readonly coordinates: readonly Ring[];
}
export interface MultiPolygonGeometry {
  readonly type: 'MultiPolygon';
  readonly coordinates: readonly (readonly Ring[])[];
}
/** Never nested, never a single member: the parser flattens and unwraps those. */
export interface GeometryCollectionGeometry {
  readonly type: 'GeometryCollection';
  readonly geometries: readonly SimpleGeometry[];
}

export type SimpleGeometry =
  | PointGeometry
  | MultiPointGeometry
  | LineStringGeometry
  | MultiLineStringGeometry
  | PolygonGeometry
  | MultiPolygonGeometry;
export type Geometry = SimpleGeometry | GeometryCollectionGeometry;

export type GeoJsonProperties = Readonly<Record<string, unknown>> | null;

export interface Feature<G extends Geometry | null = Geometry | null> {
  readonly type: 'Feature';
  readonly id?: string | number;
  readonly geometry: G;
  readonly properties: GeoJsonProperties;
}
export interface FeatureCollection<G extends Geometry | null = Geometry | null> {
  readonly type: 'FeatureCollection';
  readonly features: readonly Feature<G>[];
}
export type GeoJson = Geometry | Feature | FeatureCollection;

/** Checked constructor: throws RangeError on an invalid position (for literals in code and tests). */
export function lonLat(lon: number, lat: number, alt?: number): LonLat {
  if (!(Number.isFinite(lon) && lon >= -180 && lon <= 180)) throw new RangeError(`longitude ${lon}`);
  if (!(Number.isFinite(lat) && lat >= -90 && lat <= 90)) throw new RangeError(`latitude ${lat}`);
  if (alt !== undefined && !Number.isFinite(alt)) throw new RangeError(`altitude ${alt}`);
  return (alt === undefined ? [lon, lat] : [lon, lat, alt]) as unknown as LonLat;
}
