#!/usr/bin/env node
// The CLI as `bin` runs it: dist/cli/entry.js (tsc's output) and everything it imports, bundled into
// dist/cli/bin.js plus a few chunks in dist/cli/chunks/ (each command, and what only some commands need, loads
// when first imported), so a start loads a handful of files instead of ~230 modules. The rest of dist/ (tsc's
// output, one file per source file) stays for the library and the tests. Run by `npm run build` after tsc.
//
// Code that finds files next to itself (the package root, schemas/, tools/opa/) does so from `import.meta.url`:
// in the bundle, each module's `import.meta.url` is replaced by the URL of its own file in dist/, so those paths
// are what they are unbundled.
import { rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, RolldownMagicString } from 'rolldown';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'cli');
const CHUNKS = 'chunks';
const MARK = 'uar-check-own-url:';

await rm(join(OUT, CHUNKS), { recursive: true, force: true }); // chunks of an earlier build, named by their hash
await build({
  input: { bin: join(OUT, 'entry.js') },
  platform: 'node',
  logLevel: 'warn',
  plugins: [
    {
      name: 'own-import-meta-url',
      // A module does not know which chunk it lands in: mark its URL here, resolve the mark once chunks exist.
      transform(code, id) {
        // Files only: rolldown's own runtime (a virtual module) keeps the chunk's URL.
        if (!code.includes('import.meta.url') || !isAbsolute(id)) return null;
        return edit(code, /import\.meta\.url/g, () => JSON.stringify(`${MARK}${id}`));
      },
      renderChunk(code, chunk) {
        if (!code.includes(MARK)) return null;
        const from = dirname(join(OUT, chunk.fileName));
        return edit(code, new RegExp(`"${MARK}([^"]+)"`, 'g'), (_, id) => {
          const own = relative(from, id).split(sep).join('/');
          return `new URL(${JSON.stringify(own)}, import.meta.url).href`;
        });
      },
    },
  ],
  output: {
    dir: OUT,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: `${CHUNKS}/[name]-[hash].js`,
    sourcemap: true,
  },
});

/** `code` with every match of `pattern` replaced, and the source map of that edit. */
function edit(code, pattern, replacement) {
  const text = new RolldownMagicString(code);
  for (const m of code.matchAll(pattern)) text.overwrite(m.index, m.index + m[0].length, replacement(...m));
  return { code: text.toString(), map: JSON.parse(text.generateMap({ hires: 'boundary' }).toString()) };
}
