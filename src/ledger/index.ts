/**
 * The record: canonical JSON, signed entries, the RFC 9162 Merkle tree and its proofs, signed
 * checkpoints with cosignatures, witnesses, commitments and export verification. Pure: no I/O.
 */
export { canonicalize, canonicalJson } from './canonical.ts';
export { bytesEqual, fromBase64, fromHex, sha256, toBase64, toHex, utf8 } from './bytes.ts';
export {
  EMPTY_ROOT,
  HASH_SIZE,
  leafHash,
  nodeHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';
export {
  MemoryNodes,
  MerkleTree,
  consistencyProof,
  inclusionProof,
  treeRoot,
  type NodeReader,
  type TreeNode,
} from './tree.ts';
export {
  generateSigningKey,
  privateKeyFromPem,
  privateKeyToPem,
  publicKeyFromBase64,
  publicKeyFromRaw,
  publicKeyToBase64,
  rawPublicKey,
  signingKeyFromSeed,
  verifyEd25519,
} from './keys.ts';
export {
  ENTRY_MEDIA_TYPE,
  MAX_ENTRY_BYTES,
  decodeEntry,
  encodeEntry,
  signEntry,
  verifyEntrySignature,
  type EntryActor,
  type EntryBody,
  type LedgerEvent,
  type SignedEntry,
} from './entry.ts';
