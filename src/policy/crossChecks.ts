/**
 * Checks across fields of an agreement file: ids are unique, references resolve. They read the raw
 * input defensively rather than the parsed value, so that a file with both a malformed field and a
 * dangling reference gets both reported in one pass.
 */
type Path = (string | number)[];
export interface RawIssue {
  readonly path: Path;
  readonly reason: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const at = (v: unknown, key: string): unknown => (isObject(v) ? v[key] : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Reports every repeat of an id in a list (the item's `key` field, or the item itself). */
function unique(items: unknown[], path: Path, key?: string): RawIssue[] {
  const seen = new Map<unknown, number>();
  const issues: RawIssue[] = [];
  items.forEach((item, i) => {
    const id = key === undefined ? item : at(item, key);
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else
      issues.push({
        path: key === undefined ? [...path, i] : [...path, i, key],
        reason: `duplicate id "${id}" (first at index ${first})`,
      });
  });
  return issues;
}

function groupReferences(raw: unknown): RawIssue[] {
  const groups = new Map(list(at(raw, 'groups')).map((g) => [at(g, 'id'), at(g, 'mode')]));
  const issues: RawIssue[] = [];
  list(at(at(raw, 'imminentThreat'), 'groups')).forEach((id, i) => {
    if (typeof id !== 'string') return;
    const path = ['imminentThreat', 'groups', i];
    if (!groups.has(id)) issues.push({ path, reason: `unknown group "${id}"` });
    else if (groups.get(id) !== 'vetted')
      issues.push({
        path,
        reason: `group "${id}" is not vetted: unilateral action applies to vetted groups`,
      });
  });
  return issues;
}

/** Exemption categories named by flight lead times must be the agreement's. */
function flightReferences(raw: unknown): RawIssue[] {
  const exemptions = new Set(list(at(at(raw, 'designatedAreas'), 'exemptions')));
  const leads = at(at(raw, 'flights'), 'exemptLeadTimeMinutes');
  if (!isObject(leads)) return [];
  return Object.keys(leads)
    .filter((k) => !exemptions.has(k))
    .map((k) => ({
      path: ['flights', 'exemptLeadTimeMinutes', k],
      reason: `"${k}" is not an exemption category of designatedAreas`,
    }));
}

function ordering(raw: unknown): RawIssue[] {
  const issues: RawIssue[] = [];
  const integrated = at(raw, 'integratedOperations');
  if (at(integrated, 'authorized') === true && at(integrated, 'permitted') === false)
    issues.push({
      path: ['integratedOperations', 'authorized'],
      reason: 'cannot be authorized when not permitted',
    });
  const bands = list(at(at(raw, 'protectedSites'), 'disclosureBandsM'));
  bands.forEach((b, i) => {
    const prev = bands[i - 1];
    if (i > 0 && typeof b === 'number' && typeof prev === 'number' && b <= prev)
      issues.push({ path: ['protectedSites', 'disclosureBandsM', i], reason: 'bands must increase' });
  });
  return issues;
}

export function crossChecks(raw: unknown): RawIssue[] {
  const sites = at(raw, 'protectedSites');
  const areas = at(raw, 'designatedAreas');
  return [
    ...unique(list(at(raw, 'parties')), ['parties'], 'id'),
    ...unique(list(at(raw, 'groups')), ['groups'], 'id'),
    ...unique(list(at(sites, 'categories')), ['protectedSites', 'categories'], 'id'),
    ...unique(list(at(areas, 'restrictedActors')), ['designatedAreas', 'restrictedActors'], 'id'),
    ...unique(list(at(areas, 'exemptions')), ['designatedAreas', 'exemptions']),
    ...unique(list(at(raw, 'violationKinds')), ['violationKinds']),
    ...unique(list(at(raw, 'milestones')), ['milestones'], 'id'),
    ...groupReferences(raw),
    ...flightReferences(raw),
    ...ordering(raw),
  ];
}
