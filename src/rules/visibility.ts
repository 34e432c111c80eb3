/**
 * What a party sees of a record or an event. This is the only place that decides it; views,
 * exports and the live feed filter through here, and nothing outside the rules may widen it.
 *
 *   owner        -> everything
 *   joint        -> every party sees everything
 *   office       -> the owner only; others see nothing
 *   sealed       -> others see that a record exists (the ledger holds its commitment) and the
 *                   verdicts derived from it, which are separate joint events that never carry
 *                   its location; never its data
 */
import type { EpochMs, PartyId, RecordId, ReleaseLevel } from '../core/index.ts';
import type { DomainEvent } from './model.ts';

export type Access = 'full' | 'verdicts' | 'none';

export function access(
  viewer: PartyId,
  record: { readonly owner: PartyId; readonly release: ReleaseLevel },
): Access {
  if (record.owner === viewer || record.release === 'joint') return 'full';
  return record.release === 'sealed' ? 'verdicts' : 'none';
}

/** What another party sees of a sealed event: that it exists, whose it is and when; no data. */
export interface SealedStub {
  readonly type: string;
  readonly record: RecordId;
  readonly owner: PartyId;
  readonly release: 'sealed';
  readonly at: EpochMs;
  readonly sealed: true;
}

export type EventView = DomainEvent | SealedStub;

export function viewEvent(viewer: PartyId, event: DomainEvent): EventView | null {
  switch (access(viewer, event)) {
    case 'full':
      return event;
    case 'verdicts':
      return {
        type: event.type,
        record: event.record,
        owner: event.owner,
        release: 'sealed',
        at: event.at,
        sealed: true,
      };
    case 'none':
      return null;
  }
}

export function viewEvents(viewer: PartyId, events: readonly DomainEvent[]): EventView[] {
  return events.flatMap((e) => {
    const v = viewEvent(viewer, e);
    return v === null ? [] : [v];
  });
}

/** Records of a state slice that a party may see in full. */
export function visibleRecords<R extends { readonly owner: PartyId; readonly release: ReleaseLevel }>(
  viewer: PartyId,
  records: Iterable<R>,
): R[] {
  return [...records].filter((r) => access(viewer, r) === 'full');
}
