#!/usr/bin/env node
// The CLI as `bin` runs it: dist/cli/start.js (tsc's output) and everything it imports, bundled into one
// CommonJS file, dist/cli/uar-check.cjs, that dist/cli/bin.js runs with V8's code cache (src/cli/code-cache.ts);
// and its evaluation threads' code, dist/cli/uar-check-worker.mjs.
// Code that only some commands need stays lazy: each `import()` becomes a module initialised when first imported.
// The rest of dist/ (tsc's output, one file per source file) stays for the library and the tests. Run by
// `npm run build` after tsc.
//
// Code that finds files next to itself (the package root, schemas/, tools/opa/) does so from `import.meta.url`:
// in the bundle, each module's `import.meta.url` is the URL of its own file in dist/, so those paths are what
// they are unbundled.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'cli');
const FILE = 'uar-check.cjs';
// The evaluation thread's code (dist/engine/wasm-worker.js and what it imports) bundled too, next to the CLI's
// bundle, which starts its threads from it: a thread then loads one file instead of tsc's modules one by one.
const WORKER = 'uar-check-worker.mjs';
const THREAD = join(ROOT, 'dist', 'engine', 'wasm-thread.js');
const UNBUNDLED_WORKER = "'./wasm-worker.js'";
const MARK = 'uar-check-own-url:';
const BUNDLE_URL = '__uarCheckBundleUrl';
const NOTICES = 'uar-check.cjs.LICENSES.txt';
/** `/*! … *\/`, `//! …`, and block comments that say @license or @preserve. */
const LEGAL_COMMENT = /\/\*![\s\S]*?\*\/|\/\/![^\n]*|\/\*(?:(?!\*\/)[\s\S])*@(?:license|preserve)[\s\S]*?\*\//g;
const legal = new Set();
const bundled = new Set();

await build({
  input: join(ROOT, 'dist', 'engine', 'wasm-worker.js'),
  platform: 'node',
  logLevel: 'warn',
  plugins: [licenses(false)],
  output: { file: join(OUT, WORKER), format: 'es', codeSplitting: false, charset: 'ascii', comments: false },
});

await build({
  input: join(OUT, 'start.js'),
  platform: 'node',
  logLevel: 'warn',
  plugins: [
    {
      name: 'bundled-worker',
      // wasm-thread.js starts its threads from the worker next to it; in the bundle, from the bundled worker.
      transform(code, id) {
        if (id !== THREAD) return null;
        if (!code.includes(UNBUNDLED_WORKER)) throw new Error(`${THREAD} no longer names ${UNBUNDLED_WORKER}`);
        return code.replace(UNBUNDLED_WORKER, JSON.stringify(`../cli/${WORKER}`));
      },
    },
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
    licenses(true),
  ],
  output: { file: join(OUT, FILE), format: 'cjs', codeSplitting: false, charset: 'ascii', comments: false },
});

/**
 * The bundles keep no comments (ASCII only: code-cache.ts reads the CLI's as one-byte text), so the licenses of
 * the packages they hold, and the legal comments of their code, are written next to them (`last`: by the last
 * bundle built, once every module is known).
 */
function licenses(last) {
  return {
    name: 'licenses',
    transform(code, id) {
      for (const [comment] of code.matchAll(LEGAL_COMMENT)) legal.add(`${relative(ROOT, id)}: ${comment}`);
      return null;
    },
    generateBundle() {
      for (const id of this.getModuleIds()) bundled.add(id);
      if (last) writeFileSync(join(OUT, NOTICES), notices([...bundled], [...legal].sort()));
    },
  };
}

/** Each bundled package's name, version, license and license file, in name order; then the legal comments. */
function notices(ids, comments) {
  const roots = new Set();
  for (const id of ids) {
    const match = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(id);
    if (match) roots.add(match[1]);
  }
  const parts = [...roots].map((root) => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const file = readdirSync(root).find((name) => /^licen[cs]e/i.test(name));
    const text = file ? readFileSync(join(root, file), 'utf8').trim() : `License: ${pkg.license}`;
    return { key: `${pkg.name}@${pkg.version}`, text: `${pkg.name}@${pkg.version} (${pkg.license})\n\n${text}\n` };
  });
  parts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const head = `Packages bundled into ${FILE} and ${WORKER}, with their licenses.\n`;
  const kept = comments.length > 0 ? [`Legal comments of the bundled code:\n\n${comments.join('\n')}\n`] : [];
  return [head, ...parts.map((p) => p.text), ...kept].join(`\n${'-'.repeat(79)}\n\n`);
}
