import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { partyId, personId } from '../../src/core/index.ts';
import { replay } from '../../src/rules/index.ts';
import type { Actor } from '../../src/rules/model.ts';
import { areaCommand, flightCommand, IDLIB, MIN } from './airspace-support.ts';
import { T0, given, iso, recordOf, ru, run, us } from './given.ts';

/** The joint center's air picture: a monitor of no party. */
const airPicture: Actor = { id: personId('air-picture'), party: partyId('JOINT'), roles: ['monitor'] };

const area = run([[us.operator, areaCommand()]]);
const withIncursion = run(
  [
    [
      ru.monitor,
      {
        type: 'ReportIncursion',
        aircraft: 'SYAF-101',
        actor: 'SY-AF',
        area: recordOf(area, 'DesignatedAreaRegistered'),
        enteredAt: iso(T0 + MIN),
        position: { lon: IDLIB[0], lat: IDLIB[1], altitudeM: 3000 },
        cause: 'no_exemption',
        flight: null,
        source: 'US:us-radar',
      },
    ],
  ],
  area,
);
const incursion = recordOf(withIncursion, 'IncursionDetected');
const ack = (alert: string, over: Record<string, unknown> = {}) => ({
  type: 'AcknowledgeAlert',
  alert,
  ...over,
});

describe('acknowledging an alert', () => {
  describe('given an incursion, which concerns every party', () => {
    it('records the acknowledgement of a person of either party on the alert’s record', () => {
      given(withIncursion)
        .when(us.approver, ack(incursion, { remarks: 'seen by the duty officer' }), T0 + 2 * MIN)
        .then([
          {
            type: 'AlertAcknowledged',
            record: incursion,
            release: 'joint',
            by: { person: us.approver.id, party: 'US' },
            data: { party: 'US', remarks: 'seen by the duty officer' },
          },
        ]);
      given(withIncursion)
        .when(ru.operator, ack(incursion))
        .then([{ type: 'AlertAcknowledged', data: { party: 'RU', remarks: null } }]);
    });

    it('takes one acknowledgement per party: a second one of the same party is ALREADY_DECIDED', () => {
      const acked = run([[us.operator, ack(incursion)]], withIncursion);
      given(acked).when(us.approver, ack(incursion)).then('ALREADY_DECIDED');
      given(acked)
        .when(ru.approver, ack(incursion))
        .then([{ type: 'AlertAcknowledged', data: { party: 'RU' } }]);
    });

    it('keeps who acknowledged and when in the state, in order', () => {
      const both = run(
        [
          [us.operator, ack(incursion), T0 + 2 * MIN],
          [ru.approver, ack(incursion), T0 + 3 * MIN],
        ],
        withIncursion,
      );
      const acks = replay(both).airspace.acknowledgements.get(incursion as never);
      assert.deepEqual(
        acks?.map((a) => [a.party, a.person, a.at]),
        [
          ['US', us.operator.id, T0 + 2 * MIN],
          ['RU', ru.approver.id, T0 + 3 * MIN],
        ],
      );
    });

    it('is refused to anyone of no party the alert concerns (NOT_AUTHORIZED)', () => {
      given(withIncursion).when(airPicture, ack(incursion)).then('NOT_AUTHORIZED');
    });
  });

  describe('given a conflict of two filed routes of one party', () => {
    const twoFlights = run([
      [ru.operator, flightCommand({ aircraft: 'SYAF-7', band: { minM: 3000, maxM: 3500 } })],
      [ru.operator, flightCommand()],
    ]);
    const conflict = recordOf(twoFlights, 'FlightConflictAlerted');

    it('concerns that party only', () => {
      given(twoFlights).when(us.operator, ack(conflict)).then('NOT_AUTHORIZED');
      given(twoFlights)
        .when(ru.operator, ack(conflict))
        .then([{ type: 'AlertAcknowledged', record: conflict }]);
    });
  });

  describe('given no such alert', () => {
    it('is NOT_FOUND, also for a record that is not an alert', () => {
      given(withIncursion).when(us.operator, ack('no-such-alert')).then('NOT_FOUND');
      const areaId = recordOf(area, 'DesignatedAreaRegistered');
      given(withIncursion).when(us.operator, ack(areaId)).then('NOT_FOUND');
    });

    it('names the field of a malformed command (INVALID_INPUT)', () => {
      const d = given().when(us.operator, { type: 'AcknowledgeAlert', alert: '', extra: 1 });
      d.then('INVALID_INPUT');
      assert.deepEqual(d.decision.ok ? [] : d.decision.refusal.issues?.map((i) => i.pointer).sort(), [
        '/alert',
        '/extra',
      ]);
    });
  });
});
