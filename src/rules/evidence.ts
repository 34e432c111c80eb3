/**
 * Evidence files are kept by content: the store holds each file once, and events carry only its
 * SHA-256. A file whose bytes change no longer matches the hash recorded in the ledger, so any
 * party can tell that what it is shown is what was filed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FieldIssue } from '../core/index.ts';

/** A reference to one evidence file, as it appears in events. */
export interface EvidenceRef {
  /** Lower-case hex SHA-256 of the file's bytes. */
  readonly sha256: string;
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Lower-case hex SHA-256 of some bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** True when `bytes` are exactly the file whose hash was recorded. */
export function verifyEvidence(bytes: Uint8Array, sha256: string): boolean {
  if (!SHA256_HEX.test(sha256)) return false;
  const actual = createHash('sha256').update(bytes).digest();
  return timingSafeEqual(actual, Buffer.from(sha256, 'hex'));
}

/** The reference to file for some bytes (name and media type are the filer's, not checked). */
export function evidenceRef(bytes: Uint8Array, name: string, mediaType: string): EvidenceRef {
  return { sha256: sha256Hex(bytes), name, mediaType, size: bytes.byteLength };
}

/** What the agreement allows as evidence (its `evidence` section). */
export interface EvidenceLimits {
  readonly maxFiles: number;
  readonly maxFileBytes: number;
  readonly mediaTypes: readonly string[];
}

/** Every fault in a list of evidence references, with JSON pointers under `base`. */
export function evidenceIssues(
  list: readonly EvidenceRef[],
  base: string,
  limits?: EvidenceLimits,
): FieldIssue[] {
  const issues: FieldIssue[] = limits ? limitIssues(list, base, limits) : [];
  const seen = new Set<string>();
  list.forEach((e, i) => {
    if (!SHA256_HEX.test(e.sha256))
      issues.push({ pointer: `${base}/${i}/sha256`, reason: 'must be 64 lower-case hex digits' });
    else if (seen.has(e.sha256)) issues.push({ pointer: `${base}/${i}/sha256`, reason: 'duplicate file' });
    seen.add(e.sha256);
    if (!Number.isSafeInteger(e.size) || e.size < 0)
      issues.push({ pointer: `${base}/${i}/size`, reason: 'must be a non-negative integer' });
    if (e.name.length === 0 || e.name.length > 255)
      issues.push({ pointer: `${base}/${i}/name`, reason: 'must be 1 to 255 characters' });
  });
  return issues;
}

function limitIssues(list: readonly EvidenceRef[], base: string, limits: EvidenceLimits): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (list.length > limits.maxFiles)
    issues.push({ pointer: base, reason: `at most ${limits.maxFiles} files` });
  list.forEach((e, i) => {
    if (e.size > limits.maxFileBytes)
      issues.push({ pointer: `${base}/${i}/size`, reason: `must be at most ${limits.maxFileBytes} bytes` });
    if (!limits.mediaTypes.includes(e.mediaType))
      issues.push({
        pointer: `${base}/${i}/mediaType`,
        reason: `must be one of ${limits.mediaTypes.join(', ')}`,
      });
  });
  return issues;
}
