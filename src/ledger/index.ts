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
  openEntry,
  sealEntry,
  signEntry,
  verifyEntrySignature,
  type EntryActor,
  type EntryBody,
  type LedgerEvent,
  type OpenedEntry,
  type SealedEntry,
  type SignedEntry,
} from './entry.ts';
export {
  SIG_COSIGNATURE_V1,
  SIG_ED25519,
  ed25519Signer,
  ed25519Verifier,
  formatNote,
  formatVerifierKey,
  noteKeyId,
  parseNote,
  signNote,
  verifyNote,
  type Note,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  type VerifiedNote,
} from './note.ts';
export { parseVerifierKey, type ParsedVerifierKey } from './vkey.ts';
export {
  cosignatureMessage,
  cosignatureSigner,
  cosignatureTimestamp,
  cosignatureVerifier,
} from './cosignature.ts';
export {
  cosignCheckpoint,
  formatCheckpoint,
  isFullyCosigned,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  type Checkpoint,
  type OpenedCheckpoint,
} from './checkpoint.ts';
export {
  witnessCheckpoint,
  type Evidence,
  type MisbehaviourKind,
  type WitnessIdentity,
  type WitnessOutcome,
  type WitnessState,
} from './witness.ts';
export {
  MIN_NONCE_BYTES,
  SIGNED_COMMAND_MEDIA_TYPE,
  SIGNED_COMMAND_WINDOW_MS,
  parseSignedCommand,
  signCommand,
  signedCommandMessage,
  verifySignedCommand,
  type SignedCommand,
  type UnsignedCommand,
} from './signed-command.ts';
export { MIN_SALT_BYTES, commit, verifyReveal, type Reveal } from './commitment.ts';
export {
  EXPORT_MEDIA_TYPE,
  writeExport,
  type ExportHeader,
  type ExportReveal,
  type ExportSource,
} from './export-format.ts';
export {
  ExportVerifier,
  type ExportFailure,
  type ExportReport,
  type ExportVerifyOptions,
} from './export-verify.ts';
export {
  verifyExport,
  type ExportProgress,
  type ExportVerdict,
  type VerifyExportOptions,
} from './export-stream.ts';
