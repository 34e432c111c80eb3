import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cotTrackReport, CotStreamSplitter, parseCotEvent } from '../../src/ingest/index.ts';
import { conformance } from '../support/paths.ts';

// node-CoT's test messages (MIT, see ../shared/conformance/cot/SOURCE.md).
const dir = conformance('cot', 'node-cot', 'xml');
const samples = readdirSync(dir)
  .filter((f) => f.endsWith('.cot'))
  .map((f) => ({ file: f, xml: readFileSync(join(dir, f), 'utf8') }));
const INVALID = 'cli--cli-package-validate-reports-embedded-cot-uid-and-schema-error.cot';
const sample = (prefix: string) => samples.find((s) => s.file.startsWith(prefix))!.xml;

describe('the CoT parser', () => {
  it('parses every node-CoT message but the one without a type, with uid, type, times and point', () => {
    for (const { file, xml } of samples) {
      const parsed = parseCotEvent(xml);
      if (file === INVALID) {
        assert.ok(!parsed.ok && parsed.error.issues.some((i) => i.pointer === '/event/@type'), file);
        continue;
      }
      assert.ok(parsed.ok, `${file}: ${parsed.ok ? '' : JSON.stringify(parsed.error)}`);
      assert.ok(parsed.value.uid.length > 0 && parsed.value.type.length > 0, file);
      assert.ok(Number.isFinite(parsed.value.point.lat) && parsed.value.time > 0, file);
    }
  });

  it('follows TAK practice: no how, and NaN altitude as unknown', () => {
    const uas = parseCotEvent(sample('cot-uas-tool--decode-itak-cot-uas-message.cot'));
    assert.ok(uas.ok);
    assert.deepEqual([uas.value.how, uas.value.point.hae], [null, 1381.333]);
    const nan = parseCotEvent(sample('validation--cotparser-from-xml-point-with-nan'));
    assert.ok(nan.ok);
    assert.deepEqual([nan.value.point.hae, nan.value.point.ce], [null, null]);
  });

  it('decodes &amp; and &#10; and leaves a track speed absent when only the course is given', () => {
    const emergency = parseCotEvent(sample('cot-emergency'));
    assert.ok(emergency.ok);
    assert.equal(emergency.value.callsign, 'SP-Dev\nManual Alert: Gunshot');
    const amp = parseCotEvent(sample('validation--cotparser-to-xml-callsign'));
    assert.ok(amp.ok && amp.value.callsign === 'Alpha & Bravo');
    const course = parseCotEvent(sample('cot-itak--decode-cot-message-with-track-course-but-no-speed'));
    assert.ok(course.ok);
    assert.deepEqual(course.value.track, { course: 137.23542786, speed: null });
  });

  it('keeps a uid 00123 a string and refuses a latitude written in hex', () => {
    const xml = (lat: string) =>
      `<event version="2.0" uid="00123" type="a-h-A" time="2016-07-20T10:00:00Z" start="2016-07-20T10:00:00Z" stale="2016-07-20T10:01:00Z"><point lat="${lat}" lon="36.6" hae="3000" ce="10" le="10"/></event>`;
    const ok = parseCotEvent(xml('35.9'));
    assert.ok(ok.ok && ok.value.uid === '00123');
    const bad = parseCotEvent(xml('0x23'));
    assert.ok(!bad.ok && bad.error.issues[0]?.pointer === '/event/point/@lat');
  });

  it('makes a track report of an air atom with its velocity, and refuses drawings and chat', () => {
    const uas = parseCotEvent(sample('cot-uas-tool--decode-itak-cot-uas-message.cot'));
    assert.ok(uas.ok);
    const r = cotTrackReport(uas.value, 'cot-tcp');
    assert.ok(r.ok && r.value.aircraft === '2983J8B001V013' && r.value.altitudeM === 1381.333);
    const chat = parseCotEvent(sample('chat--directchatreceipt-parse-atak'));
    assert.ok(chat.ok);
    assert.deepEqual(cotTrackReport(chat.value, 'x'), { ok: false, error: 'not_a_track' });
  });
});

describe('hostile CoT', () => {
  const hostile = (xml: string) => {
    const r = parseCotEvent(xml);
    return !r.ok && r.error.kind === 'hostile';
  };

  it('refuses entity expansion and external entities before parsing', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><event uid="&lol2;"/>`;
    assert.ok(hostile(lol));
    assert.ok(hostile(`<!DOCTYPE event [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><event uid="&xxe;"/>`));
  });

  it('refuses a document 10,000 deep and one larger than the event limit', () => {
    assert.ok(hostile('<event>' + '<a>'.repeat(10_000) + '</a>'.repeat(10_000) + '</event>'));
    assert.ok(hostile(`<event uid="${'x'.repeat(70_000)}"/>`));
  });

  it('refuses malformed XML as invalid, not as a crash', () => {
    const r = parseCotEvent('<event uid="a"><point lat="1"></event>');
    assert.ok(!r.ok && r.error.kind === 'invalid');
  });
});

describe('the TAK stream splitter', () => {
  it('splits events on </event> across chunk boundaries', () => {
    const s = new CotStreamSplitter(1000);
    assert.deepEqual(s.push('<event a="1"></ev'), []);
    assert.deepEqual(s.push('ent>\n<event a="2"/></event><ev'), [
      '<event a="1"></event>',
      '<event a="2"/></event>',
    ]);
  });

  it('signals overflow when a peer never closes an event', () => {
    const s = new CotStreamSplitter(1000);
    assert.equal(s.push('<event>' + 'x'.repeat(2000)), 'overflow');
  });
});
