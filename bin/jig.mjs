#!/usr/bin/env node
// The `jig` command. The sources are TypeScript, run through tsx so that no build step stands
// between `npm install` and a working command.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
