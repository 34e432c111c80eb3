/**
 * The geometry engine: GeoJSON validation, coordinate formats, spatial indexes and conflict
 * queries. Pure: no I/O. Earth models, margins and antimeridian/pole handling: docs/geo.md.
 */
export * from './types.ts';
export { parseGeoJson, parseGeoJsonText, parseGeometry, toFeatures } from './parse-geojson.ts';
export { parseCoordinate, parseMgrs, formatDecimal, formatDms, formatMgrs } from './coords.ts';
export {
  distanceMeters,
  APPROX_ABS_MARGIN,
  APPROX_MAX_LAT,
  APPROX_MAX_M,
  APPROX_REL_MARGIN,
} from './distance.ts';
export { geometryDistance, geometriesTouch, pointInGeometry } from './relations.ts';
export {
  SpatialIndex,
  buildAreaIndex,
  buildMovementIndex,
  buildSiteIndex,
  buildZoneIndex,
  type AltitudeBand,
  type AreaGeometry,
  type CeasefireZone,
  type DesignatedArea,
  type Movement,
  type ProtectedSite,
  type TimeWindow,
} from './spatial-index.ts';
export {
  areasAt,
  forEachAreaAt,
  forEachSiteNear,
  areasTouching,
  movementsNear,
  sitesNear,
  type DistanceOptions,
  type Match,
  type When,
} from './queries.ts';
// 4-D: earth models, track-pair closest approach, planned-route deconfliction (docs/geo-airspace.md).
export {
  FT_M,
  KNOT_MPS,
  NMI_M,
  destination,
  localFrame,
  surfaceDistanceM,
  velocityFromTrack,
  type EarthModel,
} from './geodesy.ts';
export {
  checkTrackPair,
  closestApproach,
  lossOfSeparation,
  relativeState,
  type ClosestApproach,
  type Cylinder,
  type GroundVelocity,
  type LossOfSeparation,
  type TrackState,
} from './cpa.ts';
export { parseRoute, positionAt, type Route, type RouteWaypoint } from './route.ts';
export type { RouteConflict, SeparationMinima } from './route-conflict.ts';
export { deconflictRoutes, type DeconflictOptions } from './deconflict.ts';
