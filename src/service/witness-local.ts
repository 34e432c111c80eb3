/**
 * In-process witnesses, for the demo and the tests: a STAND-IN for the witness process each
 * party's office runs on its own machine (`jig witness`). Each cosigns every new checkpoint through
 * the same decision (`witnessCheckpoint`): only when the log signed it and a consistency proof
 * shows it extends the last one this witness cosigned. A real deployment gains its guarantee
 * from the witness NOT running inside the server it watches; these do, so they prove nothing.
 */
import type { KeyObject } from 'node:crypto';
import type { PartyId } from '../core/index.ts';
import {
  SIG_COSIGNATURE_V1,
  ed25519Verifier,
  formatVerifierKey,
  fromBase64,
  openCheckpoint,
  rawPublicKey,
  witnessCheckpoint,
  type WitnessState,
} from '../ledger/index.ts';
import type { OpenJigService } from './open.ts';

export interface LocalWitness {
  readonly party: PartyId;
  /** The witness's Ed25519 key. */
  readonly key: KeyObject;
  /** Key name; `<party>.witness.<origin host>` by default. */
  readonly name?: string;
}

export const localWitnessName = (party: string, origin: string): string =>
  `${party.toLowerCase()}.witness.${origin.split('/')[0] ?? 'jig.example'}`;

/** The verifier key to configure the service with, for each local witness. */
export function localWitnessKeys(witnesses: readonly LocalWitness[], origin: string): string[] {
  return witnesses.map((w) =>
    formatVerifierKey(w.name ?? localWitnessName(w.party, origin), SIG_COSIGNATURE_V1, rawPublicKey(w.key)),
  );
}

export function startLocalWitnesses(options: {
  readonly service: OpenJigService;
  readonly logKey: KeyObject;
  readonly witnesses: readonly LocalWitness[];
  /** Called when a witness refuses a checkpoint (misbehaviour of the log). */
  readonly onRefusal?: (party: PartyId, message: string) => void;
}): () => void {
  const { service } = options;
  const logVerifier = ed25519Verifier(service.origin, rawPublicKey(options.logKey));
  const initial: WitnessState = { origin: service.origin, checkpoint: null };
  const states = options.witnesses.map((w) => ({ witness: w, state: initial }));
  return service.onCheckpoint(async ({ note, size }) => {
    for (const s of states) {
      const me = {
        name: s.witness.name ?? localWitnessName(s.witness.party, service.origin),
        key: s.witness.key,
        logVerifier,
      };
      const previous =
        s.state.checkpoint === null ? undefined : openCheckpoint(s.state.checkpoint, logVerifier);
      const from = previous?.ok ? previous.value.checkpoint.size : 0;
      const proof =
        from > 0 && from < size
          ? (await service.ledger.consistencyProof(from, size)).path.map((h) => fromBase64(h) as Uint8Array)
          : [];
      const out = witnessCheckpoint(s.state, { note, proof }, me, Math.floor(Date.now() / 1000));
      if (!out.ok) {
        options.onRefusal?.(s.witness.party, out.message);
        continue;
      }
      s.state = out.state;
      await service.ledger.addCosignatures(out.cosigned);
    }
  });
}
