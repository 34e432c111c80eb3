import { memoryPeopleDirectory } from '../../src/store/people-memory.ts';
import { peopleDirectoryContract } from './people-contract.ts';

peopleDirectoryContract('in memory', (options) => memoryPeopleDirectory(options));
