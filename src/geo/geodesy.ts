/**
 * Earth models and local projections for the time-and-altitude checks (closest approach, loss of
 * separation, 4-D route deconfliction). Which model each check uses, and why, is written down in
 * docs/geo-airspace.md; in short:
 *
 * - `wgs84`: the WGS 84 ellipsoid. Positions become earth-centred (ECEF) coordinates on the
 *   ellipsoid, and local frames are east-north-up (ENU) tangent planes along the geodetic normal.
 *   Conflict distances use this model.
 * - `sphere-nmi`: DAIDALUS's spherical earth, whose radius makes one nautical mile exactly one
 *   minute of arc (R = 1852 * 60 * 180 / pi m). Used to compare with DAIDALUS, not for jig's own
 *   decisions: on it a 5 nmi distance at 34 deg N is about 0.15 % off the ellipsoid.
 *
 * Horizontal positions ignore altitude (they are measured on the model's surface, as DAIDALUS
 * does); altitude is compared separately.
 */
import geodesic from 'geographiclib-geodesic';

/** A GeoJSON position: longitude then latitude, in degrees. */
export type LonLat = readonly [lon: number, lat: number];
/** A plain 3-vector in metres (or metres per second). */
export type Vec3 = [number, number, number];
export type EarthModel = 'wgs84' | 'sphere-nmi';

export const WGS84_A_M = 6378137;
export const WGS84_F = 1 / 298.257223563;
const E2 = WGS84_F * (2 - WGS84_F);
/** DAIDALUS's `GreatCircle.spherical_earth_radius`: one nautical mile per minute of arc. */
export const NMI_SPHERE_RADIUS_M = (1852 * 60 * 180) / Math.PI;

export const NMI_M = 1852;
export const FT_M = 0.3048;
export const KNOT_MPS = 1852 / 3600;
export const FPM_MPS = 0.3048 / 60;

const RAD = Math.PI / 180;

/** The earth-centred, earth-fixed position of a point on the model's surface (altitude 0). */
export function toEcef(p: LonLat, model: EarthModel): Vec3 {
  const lon = p[0] * RAD;
  const lat = p[1] * RAD;
  const cl = Math.cos(lat);
  const sl = Math.sin(lat);
  if (model === 'sphere-nmi') {
    const r = NMI_SPHERE_RADIUS_M;
    return [r * cl * Math.cos(lon), r * cl * Math.sin(lon), r * sl];
  }
  const n = WGS84_A_M / Math.sqrt(1 - E2 * sl * sl);
  return [n * cl * Math.cos(lon), n * cl * Math.sin(lon), n * (1 - E2) * sl];
}

/**
 * Unit east, north and up vectors at a point. On the ellipsoid, up is the geodetic normal, so
 * these are the same formulas for both models (on the sphere geodetic and geocentric agree).
 */
export function enuBasis(p: LonLat): { east: Vec3; north: Vec3; up: Vec3 } {
  const lon = p[0] * RAD;
  const lat = p[1] * RAD;
  const co = Math.cos(lon);
  const so = Math.sin(lon);
  const cl = Math.cos(lat);
  const sl = Math.sin(lat);
  return { east: [-so, co, 0], north: [-sl * co, -sl * so, cl], up: [cl * co, cl * so, sl] };
}

const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/**
 * A local tangent-plane frame at `origin` (orthographic ENU projection, as DAIDALUS's
 * `ENUProjection`). Error bound: a point at distance r from the origin is placed at R sin(r/R),
 * that is r^3 / (6 R^2) short: under 1 cm at 5 nmi, about 3 m at 50 nmi, 26 m at 100 nmi. Use
 * it around one aircraft, not across a theatre.
 */
export interface LocalFrame {
  readonly origin: LonLat;
  readonly model: EarthModel;
  /** East and north metres of a point from the origin. */
  project(p: LonLat): [east: number, north: number];
  /**
   * A horizontal velocity given as east/north components at `at` (its own local frame),
   * expressed in this frame: the derivative of the projection along the motion.
   */
  velocity(at: LonLat, eastMps: number, northMps: number): [east: number, north: number];
}

export function localFrame(origin: LonLat, model: EarthModel): LocalFrame {
  const o = toEcef(origin, model);
  const { east, north } = enuBasis(origin);
  return {
    origin,
    model,
    project(p) {
      const q = toEcef(p, model);
      const d: Vec3 = [q[0] - o[0], q[1] - o[1], q[2] - o[2]];
      return [dot(d, east), dot(d, north)];
    },
    velocity(at, ve, vn) {
      const b = enuBasis(at);
      const v: Vec3 = [
        b.east[0] * ve + b.north[0] * vn,
        b.east[1] * ve + b.north[1] * vn,
        b.east[2] * ve + b.north[2] * vn,
      ];
      return [dot(v, east), dot(v, north)];
    },
  };
}

/** East and north components of a ground velocity given as speed and true track (deg). */
export function velocityFromTrack(groundSpeedMps: number, trackDeg: number): [east: number, north: number] {
  const t = trackDeg * RAD;
  return [groundSpeedMps * Math.sin(t), groundSpeedMps * Math.cos(t)];
}

/** The WGS 84 geodesic solver (Karney's algorithms, through geographiclib). */
export const wgs84Geodesic = geodesic.Geodesic.WGS84;

/**
 * Surface distance between two points: the WGS 84 geodesic, or the great circle on DAIDALUS's
 * sphere.
 */
export function surfaceDistanceM(a: LonLat, b: LonLat, model: EarthModel): number {
  if (model === 'wgs84')
    return wgs84Geodesic.Inverse(a[1], a[0], b[1], b[0], geodesic.Geodesic.DISTANCE).s12 ?? NaN;
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * NMI_SPHERE_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The point reached from `from` after `distanceM` along the geodesic (WGS 84) or great circle
 * (sphere) leaving at true azimuth `azimuthDeg`.
 */
export function destination(from: LonLat, azimuthDeg: number, distanceM: number, model: EarthModel): LonLat {
  if (model === 'wgs84') {
    const r = wgs84Geodesic.Direct(from[1], from[0], azimuthDeg, distanceM, geodesic.Geodesic.STANDARD);
    return [normalizeLon(r.lon2 ?? NaN), r.lat2 ?? NaN];
  }
  const d = distanceM / NMI_SPHERE_RADIUS_M;
  const lat1 = from[1] * RAD;
  const az = azimuthDeg * RAD;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(az));
  const dLon = Math.atan2(
    Math.sin(az) * Math.sin(d) * Math.cos(lat1),
    Math.cos(d) - Math.sin(lat1) * Math.sin(lat2),
  );
  return [normalizeLon(from[0] + dLon / RAD), lat2 / RAD];
}

/** Longitude folded into [-180, 180). */
export function normalizeLon(lon: number): number {
  const x = (((lon + 180) % 360) + 360) % 360;
  return x - 180;
}
