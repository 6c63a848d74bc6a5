#!/usr/bin/env node
// The CLI as `bin` runs it: dist/cli/start.js (tsc's output) and everything it imports, bundled into one
// CommonJS file, dist/cli/uar-check.cjs, that dist/cli/bin.js runs with V8's code cache (src/cli/code-cache.ts).
// Code that only some commands need stays lazy: each `import()` becomes a module initialised when first imported.
// The rest of dist/ (tsc's output, one file per source file) stays for the library and the tests. Run by
// `npm run build` after tsc.
//
// Code that finds files next to itself (the package root, schemas/, tools/opa/) does so from `import.meta.url`:
// in the bundle, each module's `import.meta.url` is the URL of its own file in dist/, so those paths are what
// they are unbundled.
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'cli');
const FILE = 'uar-check.cjs';
const MARK = 'uar-check-own-url:';
const BUNDLE_URL = '__uarCheckBundleUrl';

await build({
  input: join(OUT, 'start.js'),
  platform: 'node',
  logLevel: 'warn',
  plugins: [
    {
      name: 'own-import-meta-url',
      // A module's file is known here, the bundle's place only when it is written: mark, then resolve the mark.
      transform(code, id) {
        // Files only: rolldown's own runtime (a virtual module) has no file of its own.
        if (!code.includes('import.meta.url') || !isAbsolute(id)) return null;
        return code.replaceAll('import.meta.url', JSON.stringify(`${MARK}${id}`));
      },
      renderChunk(code) {
        if (!code.includes(MARK)) return null;
        const own = code.replace(new RegExp(`"${MARK}([^"]+)"`, 'g'), (_, id) => {
          const path = relative(OUT, id).split(sep).join('/');
          return `new URL(${JSON.stringify(path)}, ${BUNDLE_URL}).href`;
        });
        const strict = /^(['"])use strict\1;?\n/.exec(own)?.[0] ?? '';
        const url = `const ${BUNDLE_URL} = require("node:url").pathToFileURL(__filename).href;\n`;
        return strict + url + own.slice(strict.length);
      },
    },
  ],
  output: { file: join(OUT, FILE), format: 'cjs', codeSplitting: false },
});
