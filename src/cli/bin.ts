#!/usr/bin/env node
/**
 * The `uar-check` command. `npm run build` bundles start.ts and everything it imports into one file,
 * uar-check.cjs (scripts/bundle-cli.mjs), which runs with V8's code cache (code-cache.ts): a start reads one file
 * and compiles almost nothing. Without the bundle (tsc's output alone) it runs start.ts as tsc wrote it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireWithCodeCache } from './code-cache.js';
import { invokedCommand } from './commands/summaries.js';
import { cacheDir } from './paths.js';

type Cli = typeof import('./start.js');

const argv = process.argv.slice(2);
const bundle = fileURLToPath(new URL('uar-check.cjs', import.meta.url));
const cli = existsSync(bundle)
  ? (requireWithCodeCache(bundle, {
      dir: join(cacheDir(process.env), 'code'),
      variant: invokedCommand(argv) ?? 'program',
    }) as Cli)
  : await import('./start.js');
await cli.start(argv);
