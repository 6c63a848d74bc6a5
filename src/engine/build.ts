/**
 * Compiles policy directories into ONE WASM bundle with `opa build -t wasm`, restricted by the WASM
 * capabilities file. The runner's main.rego and the controls' metadata (as bundle data under
 * data.uar_check) travel inside the bundle, so a prebuilt bundle is self-describing.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { PolicyError } from '../errors.js';
import type { ControlMeta } from '../model/result.js';
import { MAIN_ENTRYPOINT, MAIN_REGO } from './main-rego.js';
import type { OpaBinary } from './opa-binary.js';
import { opaMessage, runOpa } from './run-opa.js';

export interface BundleMetadata {
  bundle_version: 1;
  opa_version: string;
  controls: ControlMeta[];
  policy_files: { path: string; sha256: string }[];
}

export interface BuildOptions {
  opa: OpaBinary;
  policyDirs: string[];
  capabilitiesFile: string;
  metadata: BundleMetadata;
  out: string;
  baseDir: string;
}

export async function buildBundle(options: BuildOptions): Promise<void> {
  const runtime = await mkdtemp(join(tmpdir(), 'uar-check-build-'));
  try {
    await writeFile(join(runtime, 'main.rego'), MAIN_REGO);
    await writeFile(join(runtime, 'data.json'), JSON.stringify({ uar_check: options.metadata }));
    const dirs = options.policyDirs.map((d) => relative(options.baseDir, resolve(options.baseDir, d)) || '.');
    const args = ['build', '-t', 'wasm', '-e', MAIN_ENTRYPOINT, '--capabilities', options.capabilitiesFile];
    args.push('--ignore', '*_test.rego', '-o', resolve(options.out), ...dirs, runtime);
    const result = await runOpa(options.opa, args, options.baseDir);
    if (!result.ok) {
      const message = opaMessage(result).replaceAll(`${runtime}/`, '(runner) ');
      const hint = /undefined function|unsupported|capabilit/.test(message)
        ? ' — only builtins that run in WASM may be used (see policies/README.md)'
        : '';
      throw new PolicyError(`policy build failed: ${message}${hint}`);
    }
  } finally {
    await rm(runtime, { recursive: true, force: true });
  }
}
