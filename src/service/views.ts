/**
 * Collections as the API names them, mapped onto the rules' state. Every view is filtered through
 * the rules' `access` (full access only): another party's office or sealed record never appears,
 * and nothing here widens what a viewer sees.
 */
import type { PartyId, RecordId } from '../core/index.ts';
import { access } from '../rules/index.ts';
import type { Collection, RecordView } from './types.ts';
import { humanitarianSites, movements, violations } from './views-access.ts';
import { imminentActions, nominations, operationNotices, protectedSites } from './views-operations.ts';
import type { ViewSource } from './views-source.ts';
import { alerts, designatedAreas, flights } from './views-airspace.ts';

type Builder = (src: ViewSource, id?: RecordId) => RecordView[];

const none: Builder = () => [];

/**
 * One builder per collection. Tracks are not records: they come from the live air picture
 * (`LiveAirspace`), not from the ledger, and are served by the service directly.
 */
export const COLLECTION_VIEWS: Readonly<Record<Collection, Builder>> = {
  'designated-areas': designatedAreas,
  'protected-sites': (src, id) => [...protectedSites(src, id), ...humanitarianSites(src, id)],
  nominations,
  notices: operationNotices,
  'imminent-actions': imminentActions,
  flights,
  tracks: none,
  alerts,
  violations,
  movements,
};

const COLLECTIONS = Object.keys(COLLECTION_VIEWS) as Collection[];

export function listViews(src: ViewSource, viewer: PartyId, collection: Collection): RecordView[] {
  return COLLECTION_VIEWS[collection](src).filter((r) => access(viewer, r) === 'full');
}

export function getView(
  src: ViewSource,
  viewer: PartyId,
  collection: Collection,
  id: RecordId,
): RecordView | undefined {
  const found = COLLECTION_VIEWS[collection](src, id)[0];
  return found && access(viewer, found) === 'full' ? found : undefined;
}

/** The record's unfiltered view and its collection, for the per-record projection documents. */
export function findView(
  src: ViewSource,
  id: RecordId,
): { collection: Collection; view: RecordView } | undefined {
  for (const collection of COLLECTIONS) {
    const view = COLLECTION_VIEWS[collection](src, id)[0];
    if (view) return { collection, view };
  }
  return undefined;
}
