/**
 * The airspace slice as views: designated areas, filed flights (with their receipts), and the
 * alerts the live air picture raised (incursions, safety-of-flight risks, flight conflicts). All
 * are joint records; the access filter in `views.ts` still applies.
 */
import type { RecordId } from '../core/index.ts';
import { airspaceRecords, alertConcerns, type Waypoint } from '../rules/index.ts';
import type { RecordView } from './types.ts';
import { iso, pick } from './views-operations.ts';
import type { ViewSource } from './views-source.ts';

export function designatedAreas(src: ViewSource, id?: RecordId): RecordView[] {
  return pick(src.state.airspace.areas, id).map((a) => ({
    id: a.id,
    owner: a.owner,
    release: a.release,
    kind: 'designated_area',
    name: a.name,
    geometry: a.area,
    status:
      a.withdrawnAt !== null
        ? 'withdrawn'
        : src.now < a.window.from
          ? 'upcoming'
          : src.now > a.window.to
            ? 'expired'
            : 'active',
    window: { from: iso(a.window.from), to: iso(a.window.to) },
    band: a.band,
    restrictedActors: a.restrictedActors,
    exemptions: a.exemptions,
  }));
}

export function flights(src: ViewSource, id?: RecordId): RecordView[] {
  const acknowledged = new Set(
    airspaceRecords(src.state, src.policy)
      .flights.filter((f) => f.acknowledged)
      .map((f) => f.id),
  );
  return pick(src.state.airspace.flights, id).map((f) => {
    const first = f.route[0]?.at ?? f.filedAt;
    const last = f.route.at(-1)?.at ?? f.filedAt;
    return {
      id: f.id,
      owner: f.owner,
      release: f.release,
      kind: 'flight',
      actor: f.actor,
      aircraft: f.aircraft,
      category: f.category,
      geometry: { type: 'LineString', coordinates: f.route.map((w) => [...w.position]) },
      route: f.route.map((w) => ({ position: [...w.position], time: iso(w.at) })),
      band: f.band,
      window: { from: iso(first), to: iso(last) },
      filedAt: iso(f.filedAt),
      acknowledged: acknowledged.has(f.id),
      status:
        f.cancelledAt !== null
          ? 'cancelled'
          : src.now > last
            ? 'completed'
            : src.now >= first
              ? 'airborne'
              : 'filed',
    };
  });
}

/** Where a filed route is at a moment of its window (linear between waypoints, as filed). */
function positionAt(route: readonly Waypoint[], at: number): [number, number] | undefined {
  const i = route.findIndex((w, k) => k > 0 && w.at >= at);
  const a = route[i - 1];
  const b = route[i];
  if (!a || !b) return undefined;
  const f = b.at === a.at ? 0 : Math.min(1, Math.max(0, (at - a.at) / (b.at - a.at)));
  return [
    a.position[0] + f * (b.position[0] - a.position[0]),
    a.position[1] + f * (b.position[1] - a.position[1]),
  ];
}

/**
 * Which parties an alert concerns and which have acknowledged it (who, when); `acknowledged` once
 * every one of them has.
 */
function acknowledgement(src: ViewSource, alert: RecordId) {
  const parties = alertConcerns(src.state, src.policy, alert) ?? [];
  const acks = src.state.airspace.acknowledgements.get(alert) ?? [];
  return {
    parties: [...parties],
    acknowledgements: acks.map((a) => ({
      party: a.party,
      person: a.person,
      at: iso(a.at),
      ...(a.remarks === null ? {} : { remarks: a.remarks }),
    })),
    acknowledged: parties.every((p) => acks.some((a) => a.party === p)),
  };
}

/**
 * Incursions, safety-of-flight alerts and conflicts of filed routes, open ones first, newest
 * first, each with its acknowledgements.
 */
export function alerts(src: ViewSource, id?: RecordId): RecordView[] {
  const owner = (rid: RecordId) => src.records.get(rid)?.owner ?? ('JOINT' as never);
  const areaName = (rid: RecordId) => src.state.airspace.areas.get(rid)?.name ?? rid;
  const incursions = pick(src.state.airspace.incursions, id).map((i): RecordView => ({
    id: i.id,
    owner: owner(i.id),
    release: 'joint',
    kind: 'incursion',
    status: i.exitedAt === null ? 'open' : 'closed',
    aircraft: i.aircraft,
    actor: i.actor,
    area: i.area,
    areaName: areaName(i.area),
    cause: i.cause,
    flight: i.flight,
    geometry: { type: 'Point', coordinates: [i.position.lon, i.position.lat] },
    altitudeM: i.position.altitudeM,
    raisedAt: iso(i.enteredAt),
    enteredAt: iso(i.enteredAt),
    exitedAt: i.exitedAt === null ? null : iso(i.exitedAt),
    dwellS: Math.round(((i.exitedAt ?? src.now) - i.enteredAt) / 1000),
    ...acknowledgement(src, i.id),
  }));
  const separations = pick(src.state.airspace.separations, id).map((s): RecordView => ({
    id: s.id,
    owner: owner(s.id),
    release: 'joint',
    kind: 'safety_of_flight',
    status: s.clearedAt === null ? 'open' : 'closed',
    aircraft: [...s.aircraft],
    raisedAt: iso(s.detectedAt),
    lossAt: iso(s.lossAt),
    cpaDistanceM: s.cpaDistanceM,
    clearedAt: s.clearedAt === null ? null : iso(s.clearedAt),
    ...acknowledgement(src, s.id),
  }));
  const flightsById = src.state.airspace.flights;
  const conflicts = pick(src.state.airspace.conflicts, id).map((c): RecordView => {
    const where = positionAt(flightsById.get(c.flight)?.route ?? [], c.at);
    return {
      id: c.id,
      owner: owner(c.id),
      release: 'joint',
      kind: 'flight_conflict',
      // A prediction about filed routes: open until the predicted moment has passed.
      status: src.now <= c.at ? 'open' : 'closed',
      flight: c.flight,
      against: c.against,
      ...(where ? { geometry: { type: 'Point', coordinates: where } } : {}),
      raisedAt: iso(c.raisedAt),
      time: iso(c.at),
      distanceM: c.distanceM,
      verticalGapM: c.verticalGapM,
      ...acknowledgement(src, c.id),
    };
  });
  return [...incursions, ...separations, ...conflicts].sort(
    (a, b) =>
      Number(b['status'] === 'open') - Number(a['status'] === 'open') ||
      String(b['raisedAt']).localeCompare(String(a['raisedAt'])),
  );
}
