/** Humanitarian access: field checks of notices and outcomes, every fault with its pointer. */
import type { EpochMs, FieldIssue } from '../core/index.ts';
import { evidenceIssues } from './evidence.ts';
import { geometryIssues } from './humanitarian-geometry.ts';
import {
  MOVEMENT_KINDS,
  SITE_CATEGORIES,
  type HumanitarianPolicy,
  type MovementDetails,
  type NoticeDetails,
  type NoticeTiming,
  type RecordOutcome,
  type SiteDetails,
} from './humanitarian-model.ts';

/** A corridor wider than this is an area, not a route. */
const MAX_CORRIDOR_M = 50_000;
const MAX_TEXT = 20_000;

function text(value: string, pointer: string, max = 500): FieldIssue[] {
  if (value.trim() === '') return [{ pointer, reason: 'must not be empty' }];
  return value.length > max ? [{ pointer, reason: `must be at most ${max} characters` }] : [];
}

export function siteIssues(s: SiteDetails, base: string): FieldIssue[] {
  const issues = [
    ...text(s.name, `${base}/name`),
    ...geometryIssues(s.geometry, ['Point', 'Polygon'], `${base}/geometry`),
  ];
  if (!(SITE_CATEGORIES as readonly string[]).includes(s.category))
    issues.push({ pointer: `${base}/category`, reason: `must be one of ${SITE_CATEGORIES.join(', ')}` });
  if (s.bufferM !== undefined && !(Number.isFinite(s.bufferM) && s.bufferM >= 0))
    issues.push({ pointer: `${base}/bufferM`, reason: 'must be a non-negative number of metres' });
  if (!Number.isFinite(s.active.from) || (s.active.to !== null && !(s.active.to > s.active.from)))
    issues.push({ pointer: `${base}/active`, reason: 'must start before it ends' });
  return issues;
}

export function movementIssues(m: MovementDetails, base: string): FieldIssue[] {
  const issues = [
    ...text(m.name, `${base}/name`),
    ...geometryIssues(m.route, ['LineString'], `${base}/route`),
  ];
  if (!(MOVEMENT_KINDS as readonly string[]).includes(m.kind))
    issues.push({ pointer: `${base}/kind`, reason: `must be one of ${MOVEMENT_KINDS.join(', ')}` });
  if (!(Number.isFinite(m.corridorWidthM) && m.corridorWidthM > 0 && m.corridorWidthM <= MAX_CORRIDOR_M))
    issues.push({
      pointer: `${base}/corridorWidthM`,
      reason: `must be more than 0 and at most ${MAX_CORRIDOR_M}`,
    });
  if (!(Number.isFinite(m.window.from) && m.window.to > m.window.from))
    issues.push({ pointer: `${base}/window`, reason: 'must start before it ends' });
  if (m.vehicles.length === 0) issues.push({ pointer: `${base}/vehicles`, reason: 'must not be empty' });
  m.vehicles.forEach((v, i) => {
    issues.push(...text(v.kind, `${base}/vehicles/${i}/kind`, 100));
    if (!Number.isSafeInteger(v.count) || v.count < 1)
      issues.push({ pointer: `${base}/vehicles/${i}/count`, reason: 'must be a positive integer' });
  });
  issues.push(...text(m.destination.name, `${base}/destination/name`));
  if (m.destination.geometry)
    issues.push(
      ...geometryIssues(m.destination.geometry, ['Point', 'Polygon'], `${base}/destination/geometry`),
    );
  return issues;
}

export function detailsIssues(d: NoticeDetails, base: string): FieldIssue[] {
  return d.subject === 'site'
    ? siteIssues(d.site, `${base}/site`)
    : movementIssues(d.movement, `${base}/movement`);
}

export function outcomeIssues(c: RecordOutcome, policy: HumanitarianPolicy): FieldIssue[] {
  const issues = [
    ...text(c.narrative, '/narrative', MAX_TEXT),
    ...evidenceIssues(c.evidence, '/evidence', policy.evidence),
  ];
  if (c.where) issues.push(...geometryIssues(c.where, ['Point'], '/where'));
  if (c.outcome === 'denied' && c.where === null)
    issues.push({ pointer: '/where', reason: 'a denial says where access was denied' });
  if (c.outcome === 'denied' && c.deniedBy === null)
    issues.push({ pointer: '/deniedBy', reason: 'a denial says by whom (a party, an actor or unknown)' });
  if (c.outcome !== 'denied' && c.deniedBy !== null)
    issues.push({ pointer: '/deniedBy', reason: 'only a denial names who denied access' });
  return issues;
}

/** When the activity of a notice starts: a site's activity or a movement's window. */
export function startOf(d: NoticeDetails): EpochMs {
  return d.subject === 'site' ? d.site.active.from : d.movement.window.from;
}

/** Notice given against the policy's lead time. A late notice is still accepted, marked late. */
export function timing(d: NoticeDetails, policy: HumanitarianPolicy, now: EpochMs): NoticeTiming {
  const leadTimeMs = d.subject === 'site' ? policy.leadTimeMs.site : policy.leadTimeMs[d.movement.kind];
  const givenMs = startOf(d) - now;
  return { leadTimeMs, givenMs, late: givenMs < leadTimeMs };
}
