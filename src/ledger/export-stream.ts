/** Feeds an export, as a stream of byte chunks, through the verifier line by line. */
import {
  ExportVerifier,
  type ExportFailure,
  type ExportReport,
  type ExportVerifyOptions,
} from './export-verify.ts';

export interface ExportProgress {
  readonly bytes: number;
  readonly lines: number;
  readonly entries: number;
}

export interface VerifyExportOptions extends ExportVerifyOptions {
  /** Called every few thousand lines and once at the end. */
  readonly onProgress?: (p: ExportProgress) => void;
}

export type ExportVerdict =
  | { readonly ok: true; readonly report: ExportReport; readonly verifier: ExportVerifier }
  | { readonly ok: false; readonly failure: ExportFailure; readonly verifier: ExportVerifier };

const NEWLINE = 0x0a;
const PROGRESS_EVERY = 2048;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Splits only at `\n` (not `\r`, as readline would: a `\n` changed into `\r` must not pass) and
 * decodes each line as strict UTF-8.
 */
export async function verifyExport(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: VerifyExportOptions = {},
): Promise<ExportVerdict> {
  const verifier = new ExportVerifier(options);
  const progress = { bytes: 0, lines: 0 };
  const report = () => options.onProgress?.({ ...progress, entries: verifier.entries });
  let carry: Uint8Array = new Uint8Array(0);
  const feed = (line: Uint8Array): boolean => {
    progress.bytes += line.length + 1;
    progress.lines++;
    let text: string;
    try {
      text = strictUtf8.decode(line);
    } catch {
      verifier.fail(`line ${progress.lines}`, 'not valid UTF-8');
      return false;
    }
    if (progress.lines % PROGRESS_EVERY === 0) report();
    return verifier.push(text) === undefined;
  };
  outer: for await (const chunk of chunks) {
    let start = 0;
    for (let i = chunk.indexOf(NEWLINE); i >= 0; i = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, i);
      const line = carry.length > 0 ? concat(carry, piece) : piece;
      carry = new Uint8Array(0);
      start = i + 1;
      if (!feed(line)) break outer;
    }
    if (start < chunk.length) carry = concat(carry, chunk.subarray(start));
  }
  if (carry.length > 0) verifier.fail(`line ${progress.lines + 1}`, 'the export does not end with a newline');
  report();
  const verdict = verifier.finish();
  return verdict.ok ? { ...verdict, verifier } : { ...verdict, verifier };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
