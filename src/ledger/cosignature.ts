/**
 * C2SP tlog-cosignature/v1 (c2sp.org/tlog-cosignature): a witness signs, with Ed25519,
 * `"cosignature/v1\n" || "time <ts>\n" || checkpoint text`; the note signature is the 8-byte
 * big-endian timestamp (seconds) followed by the 64-byte signature, under key ID type 0x04.
 */
import type { KeyObject } from 'node:crypto';
import { concatBytes, u64be, utf8 } from './bytes.ts';
import { rawPublicKey, signEd25519, verifyEd25519 } from './keys.ts';
import { SIG_COSIGNATURE_V1, noteKeyId, type NoteSigner, type NoteVerifier } from './note.ts';

/** The exact bytes a cosigner signs for a checkpoint text at `timestamp` (POSIX seconds). */
export function cosignatureMessage(checkpointText: string, timestamp: number): Uint8Array {
  return utf8(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`);
}

/** The timestamp of a cosignature (the bytes after the key ID), or undefined when malformed. */
export function cosignatureTimestamp(signature: Uint8Array): number | undefined {
  if (signature.length !== 72) return undefined;
  const t = new DataView(signature.buffer, signature.byteOffset, 8).getBigUint64(0);
  return t <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(t) : undefined;
}

export function cosignatureSigner(name: string, privateKey: KeyObject, timestamp: number): NoteSigner {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError('a timestamp is whole seconds');
  return {
    name,
    keyId: noteKeyId(name, SIG_COSIGNATURE_V1, rawPublicKey(privateKey)),
    sign: (text) => {
      const message = cosignatureMessage(new TextDecoder().decode(text), timestamp);
      return concatBytes(u64be(timestamp), signEd25519(privateKey, message));
    },
  };
}

export function cosignatureVerifier(name: string, publicKey: Uint8Array): NoteVerifier {
  return {
    name,
    keyId: noteKeyId(name, SIG_COSIGNATURE_V1, publicKey),
    verify: (text, signature) => {
      const ts = cosignatureTimestamp(signature);
      if (ts === undefined) return false;
      const message = concatBytes(utf8(`cosignature/v1\ntime ${ts}\n`), text);
      return verifyEd25519(publicKey, message, signature.subarray(8));
    },
  };
}
