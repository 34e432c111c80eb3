/**
 * Track pairs: closest point of approach and time to loss of separation for two aircraft flying
 * straight at constant velocity, for safety-of-flight alerts.
 *
 * The geometry follows DAIDALUS (NASA's DO-365 reference): the pair is projected onto a tangent
 * plane at the ownship (see `localFrame` in geodesy.ts for the error bound), the intruder's state
 * becomes a position and velocity relative to the ownship, and both questions are solved in closed
 * form in that plane. Which earth model to project with is the caller's choice: `wgs84` for jig's
 * own alerts, `sphere-nmi` to reproduce DAIDALUS's numbers.
 */
import { localFrame, velocityFromTrack, type EarthModel, type LonLat, type Vec3 } from './geodesy.ts';

/** Ground velocity as east/north components, or as ground speed and true track. */
export type GroundVelocity =
  | { readonly eastMps: number; readonly northMps: number }
  | { readonly groundSpeedMps: number; readonly trackDeg: number };

/** One aircraft's state at a common time. */
export interface TrackState {
  readonly position: LonLat;
  readonly altitudeM: number;
  readonly velocity: GroundVelocity;
  readonly verticalRateMps: number;
}

/**
 * The intruder relative to the ownship, in metres and metres per second: x east, y north, z up,
 * in the tangent plane at the ownship.
 */
export interface RelativeState {
  readonly s: Vec3;
  readonly v: Vec3;
}

/** A protected cylinder around each aircraft: horizontal radius and vertical half-height. */
export interface Cylinder {
  readonly horizontalM: number;
  readonly verticalM: number;
}

export interface ClosestApproach {
  /** Seconds from now to the horizontal closest approach; 0 when the pair is already diverging. */
  readonly timeS: number;
  readonly horizontalM: number;
  /** Vertical distance at that time. */
  readonly verticalM: number;
}

/** The time interval, in seconds from now, during which the pair is inside the cylinder. */
export interface LossOfSeparation {
  /** Time to loss of separation: 0 when already inside. */
  readonly entryS: number;
  /** When separation is regained, at most the look-ahead time. */
  readonly exitS: number;
}

function eastNorth(v: GroundVelocity): [number, number] {
  return 'eastMps' in v ? [v.eastMps, v.northMps] : velocityFromTrack(v.groundSpeedMps, v.trackDeg);
}

/** Projects a pair onto the tangent plane at the ownship. */
export function relativeState(own: TrackState, intruder: TrackState, model: EarthModel): RelativeState {
  const frame = localFrame(own.position, model);
  const [sx, sy] = frame.project(intruder.position);
  const [oe, on] = eastNorth(own.velocity);
  const [ie, in_] = eastNorth(intruder.velocity);
  const [ix, iy] = frame.velocity(intruder.position, ie, in_);
  return {
    s: [sx, sy, intruder.altitudeM - own.altitudeM],
    v: [ix - oe, iy - on, intruder.verticalRateMps - own.verticalRateMps],
  };
}

/** Horizontal closest point of approach of a relative state (time clamped at 0, not above). */
export function closestApproach(rel: RelativeState): ClosestApproach {
  const { s, v } = rel;
  const vv = v[0] * v[0] + v[1] * v[1];
  const t = vv === 0 ? 0 : Math.max(0, -(s[0] * v[0] + s[1] * v[1]) / vv);
  return {
    timeS: t,
    horizontalM: Math.hypot(s[0] + v[0] * t, s[1] + v[1] * t),
    verticalM: Math.abs(s[2] + v[2] * t),
  };
}

/**
 * Where a quadratic a t^2 + b t + c is negative: the open interval between its roots, or
 * undefined. With a = 0 (no relative motion) it is everywhere or nowhere.
 */
function negativeInterval(a: number, b: number, c: number): [number, number] | undefined {
  if (a === 0) return c < 0 ? [-Infinity, Infinity] : undefined;
  const disc = b * b - 4 * a * c;
  if (disc <= 0) return undefined;
  // The stable pair of roots: no cancellation between -b and sqrt(disc).
  const q = -0.5 * (b + Math.sign(b || 1) * Math.sqrt(disc));
  const r1 = q / a;
  const r2 = q === 0 ? -r1 : c / q;
  return r1 < r2 ? [r1, r2] : [r2, r1];
}

/** Where |z0 + vz t| < h: an open interval, everything, or nothing. */
function verticalInterval(z0: number, vz: number, h: number): [number, number] | undefined {
  if (vz === 0) return Math.abs(z0) < h ? [-Infinity, Infinity] : undefined;
  const t1 = (-h - z0) / vz;
  const t2 = (h - z0) / vz;
  return t1 < t2 ? [t1, t2] : [t2, t1];
}

/**
 * Loss of separation against a cylinder within [0, lookaheadS] (the CD3D detector of DAIDALUS):
 * the pair is in conflict at t when the horizontal distance is below the radius and the vertical
 * distance below the half-height. Undefined when there is no conflict within the look-ahead.
 */
export function lossOfSeparation(
  rel: RelativeState,
  cylinder: Cylinder,
  lookaheadS: number,
): LossOfSeparation | undefined {
  const { s, v } = rel;
  const r = cylinder.horizontalM;
  const h = negativeInterval(
    v[0] * v[0] + v[1] * v[1],
    2 * (s[0] * v[0] + s[1] * v[1]),
    s[0] * s[0] + s[1] * s[1] - r * r,
  );
  const z = verticalInterval(s[2], v[2], cylinder.verticalM);
  if (!h || !z) return undefined;
  const entry = Math.max(0, h[0], z[0]);
  const exit = Math.min(lookaheadS, h[1], z[1]);
  return entry < exit ? { entryS: entry, exitS: exit } : undefined;
}

/** Both answers for a pair of tracks, as a safety-of-flight check wants them. */
export function checkTrackPair(
  own: TrackState,
  intruder: TrackState,
  options: { readonly cylinder: Cylinder; readonly lookaheadS: number; readonly model: EarthModel },
): { readonly closest: ClosestApproach; readonly loss: LossOfSeparation | undefined } {
  const rel = relativeState(own, intruder, options.model);
  return { closest: closestApproach(rel), loss: lossOfSeparation(rel, options.cylinder, options.lookaheadS) };
}
