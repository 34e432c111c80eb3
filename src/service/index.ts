export type * from './types.ts';
export { COLLECTIONS } from './types.ts';
export { openJigService, type JigServiceOptions, type OpenJigService } from './open.ts';
export { localWitnessKeys, startLocalWitnesses, type LocalWitness } from './witness-local.ts';
