#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx: no build step that can go stale.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/host/cli/main.ts');
const code = await main(process.argv.slice(2));
// Let stdout drain before leaving; a piped reader must see the last line.
process.stdout.write('', () => process.exit(code));
