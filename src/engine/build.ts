/**
 * Compiles policy files into ONE WASM bundle with `opa build -t wasm`, restricted by the WASM capabilities file.
 * The runner's main.rego and the controls' metadata (as bundle data under data.uar_check) travel inside the
 * bundle, so a prebuilt bundle is self-describing.
 *
 * OPA embeds the paths it was given into policy.wasm (they name files in runtime errors). To make the bytes
 * depend on the policies alone — identical builds give identical WASM, and errors name the files as reports do
 * — the files are copied into a fresh staging folder under their report paths (`policies/x.rego`,
 * `controls/y.rego`) and OPA runs there with relative paths; the runner's files sit in `uar-check-runner/`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PolicyError } from '../errors.js';
import type { ControlMeta } from '../model/result.js';
import { opaMessage, runOpa } from '../shared/opa-cli.js';
import { compareText } from '../shared/order.js';
import type { ControlScope } from './inspect.js';
import {
  BY_USER_ENTRYPOINT,
  controlEntrypoint,
  groupsRego,
  MAIN_ENTRYPOINT,
  mainRego,
  PARAMS_ENTRYPOINT,
  WHOLE_ENTRYPOINT,
} from './main-rego.js';
import type { OpaBinary } from './opa-binary.js';
import type { PolicyFile } from './policy-files.js';

export interface BundleMetadata {
  bundle_version: 2;
  opa_version: string;
  controls: ControlMeta[];
  /** Controls that cannot be evaluated at all (e.g. METADATA in a package outside uar.controls), by id. */
  problems: Record<string, string>;
  /** Per control id, the names of the rules its file defines at column 1 (for error messages only). */
  rules: Record<string, string[]>;
  /** Per control id, what its METADATA promises about chunked evaluation (absent: nothing; see chunks.ts). */
  scopes?: Record<string, ControlScope>;
  policy_files: { path: string; sha256: string }[];
}

export interface BuildOptions {
  opa: OpaBinary;
  /** Every policy file to compile (tests are left out here), with its report path. */
  files: PolicyFile[];
  capabilitiesFile: string;
  metadata: BundleMetadata;
  out: string;
}

const RUNNER_DIR = 'uar-check-runner';
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

const RULE_HEAD = /^(?:default\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(?=contains\b|if\b|:=|=|\[|\{|\(|$)/gm;

/** The names of the rules a policy file defines (heads at column 1), sorted; `package`/`import` excluded. */
export function ruleNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(RULE_HEAD)) {
    const name = m[1] as string;
    if (!['package', 'import', 'default'].includes(name)) names.add(name);
  }
  return [...names].sort(compareText);
}

/** The last segment of a control's package, when it can name an entrypoint. */
export function controlModule(control: ControlMeta): string | undefined {
  const module = control.package.split('.').pop() ?? '';
  return control.package === `uar.controls.${module}` && IDENTIFIER.test(module) ? module : undefined;
}

export async function buildBundle(options: BuildOptions): Promise<void> {
  const stage = await mkdtemp(join(tmpdir(), 'uar-check-build-'));
  try {
    const roots = new Set<string>();
    const staged = new Map<string, string>();
    for (const file of options.files) {
      if (file.path.endsWith('_test.rego') || staged.get(file.path) === file.sha256) continue;
      staged.set(file.path, file.sha256);
      // A policy folder that is the working directory itself is staged as `policy/`, beside the runner's folder.
      const target = join(stage, file.root === '.' ? `policy/${file.path}` : file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.content, { flag: 'wx' }).catch((cause: unknown) => {
        throw new PolicyError(
          `${file.path}: two policy files share this path; give the policy folders distinct names`,
          undefined,
          { cause },
        );
      });
      roots.add(file.root === '.' ? 'policy' : file.root);
    }
    const controls = options.metadata.controls.filter((c) => !(c.id in options.metadata.problems));
    const modules = controls.map(controlModule).filter((m): m is string => m !== undefined);
    await mkdir(join(stage, RUNNER_DIR));
    const scopes = options.metadata.scopes ?? {};
    const byUser = controls.filter((c) => scopes[c.id]?.scope === 'user').map(controlModule);
    await writeFile(join(stage, RUNNER_DIR, 'main.rego'), mainRego(modules));
    await writeFile(
      join(stage, RUNNER_DIR, 'groups.rego'),
      groupsRego(
        modules,
        byUser.filter((m): m is string => m !== undefined),
      ),
    );
    await writeFile(join(stage, RUNNER_DIR, 'data.json'), JSON.stringify({ uar_check: options.metadata }));
    const args = ['build', '-t', 'wasm', '-e', MAIN_ENTRYPOINT, '-e', PARAMS_ENTRYPOINT];
    args.push('-e', BY_USER_ENTRYPOINT, '-e', WHOLE_ENTRYPOINT);
    for (const m of [...new Set(modules)].sort(compareText)) args.push('-e', controlEntrypoint(m));
    args.push('--capabilities', resolve(options.capabilitiesFile), '-o', resolve(options.out));
    const outer = [...roots].filter((r) => ![...roots].some((o) => r.startsWith(`${o}/`)));
    args.push(...outer.sort(compareText), RUNNER_DIR);
    const result = await runOpa(options.opa.path, args, stage);
    if (!result.ok) {
      const message = opaMessage(result).replaceAll(`${RUNNER_DIR}/`, '(runner) ');
      const hint = /undefined function|unsupported|capabilit/.test(message)
        ? ' — only builtins that run in WASM may be used (see policies/README.md)'
        : '';
      throw new PolicyError(`policy build failed: ${message}${hint}`);
    }
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
