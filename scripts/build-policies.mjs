#!/usr/bin/env node
// `npm run build:policies`: precompiles the built-in policies (policies/) with the pinned OPA into
// bundle/builtin.tar.gz, the bundle `run`, `fetch` and `demo` use without OPA or Go. Run it after changing any
// built-in policy and commit the result; test/engine/builtin-bundle.test.ts fails while it is stale.
// The file is rewritten only when the WASM or the metadata changed, so an unchanged build leaves no diff.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPolicies, sameBundle } from '../dist/engine/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = join(root, 'bundle', 'builtin.tar.gz');
const cacheDir = await mkdtemp(join(tmpdir(), 'uar-check-build-policies-'));
try {
  const built = await buildPolicies({ policyDirs: ['policies'], cacheDir, baseDir: root });
  if (existsSync(target) && (await sameBundle(built.file, target).catch(() => false))) {
    process.stdout.write('bundle/builtin.tar.gz is up to date\n');
  } else {
    await mkdir(join(root, 'bundle'), { recursive: true });
    await copyFile(built.file, target);
    process.stdout.write('Wrote bundle/builtin.tar.gz: commit it\n');
  }
} finally {
  await rm(cacheDir, { recursive: true, force: true });
}
