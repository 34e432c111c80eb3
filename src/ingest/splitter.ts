/**
 * Splits a TAK plain-XML stream (TCP) into `<event>` documents on `</event>`. The buffer of one
 * connection is bounded: a peer that sends more than `maxBufferBytes` without closing an event
 * (a 50 MB document) is cut off instead of filling memory.
 */
const END = '</event>';

export class CotStreamSplitter {
  private buffer = '';

  constructor(private readonly maxBufferBytes: number) {}

  /** Events completed by this chunk, or `overflow` when the peer exceeded the buffer. */
  push(chunk: string): string[] | 'overflow' {
    this.buffer += chunk;
    const events: string[] = [];
    let from = 0;
    for (let end = this.buffer.indexOf(END); end !== -1; end = this.buffer.indexOf(END, from)) {
      const doc = this.buffer.slice(from, end + END.length).trim();
      if (doc.length > 0) events.push(doc);
      from = end + END.length;
    }
    this.buffer = this.buffer.slice(from);
    if (this.buffer.length > this.maxBufferBytes) {
      this.buffer = '';
      return 'overflow';
    }
    return events;
  }
}
