/**
 * The policy flags every policy command shares. `--policy DIR` (repeatable) adds a team's own controls; the word
 * `builtin` (or the built-in folder itself) names the built-in controls, which are included unless
 * `--no-builtin`. The helper library and the test fixtures are always compiled in. With the built-ins alone, the
 * precompiled bundle is used (no OPA, no Go) as long as it matches the built-in policy files.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { bundleMatches } from '../engine/index.js';
import { ConfigError } from '../errors.js';
import { collect } from './parse.js';
import { BUILTIN_BUNDLE, BUILTIN_LIB, BUILTIN_POLICIES } from './paths.js';

export interface PolicyFlags {
  policy: string[];
  /** false with --no-builtin. */
  builtin: boolean;
}

export interface PolicySelection {
  /** The team's own policy directories (the built-in folder and the word `builtin` removed). */
  custom: string[];
  builtin: boolean;
  /** Every directory to compile: the built-ins (or only their library) first, then the team's own. */
  policyDirs: string[];
}

export const NO_BUILTIN_HELP = 'leave the built-in controls out (the helper library is always included)';

export function addPolicyOptions(command: Command, what = 'policy directory with your own controls'): Command {
  return command
    .option('--policy <dir>', `${what}, repeatable; \`builtin\` names the built-in controls`, collect, [])
    .option('--no-builtin', NO_BUILTIN_HELP);
}

export function selectPolicies(flags: PolicyFlags, cwd: string): PolicySelection {
  const builtinDir = real(BUILTIN_POLICIES);
  const custom: string[] = [];
  let named = false;
  for (const dir of flags.policy) {
    if (dir === 'builtin' || real(resolve(cwd, dir)) === builtinDir) named = true;
    else custom.push(dir);
  }
  if (named && !flags.builtin) {
    throw new ConfigError('--policy builtin and --no-builtin contradict each other: keep one');
  }
  if (!flags.builtin && custom.length === 0) {
    throw new ConfigError('--no-builtin leaves no controls to run: add --policy DIR with your own controls');
  }
  return {
    custom,
    builtin: flags.builtin,
    policyDirs: [flags.builtin ? BUILTIN_POLICIES : BUILTIN_LIB, ...custom],
  };
}

/** The precompiled built-in bundle, when the selection is the built-ins alone and the bundle is current. */
export async function precompiledBundle(selection: PolicySelection): Promise<string | undefined> {
  if (!selection.builtin || selection.custom.length > 0) return undefined;
  return (await bundleMatches(BUILTIN_BUNDLE, [BUILTIN_POLICIES], resolve(BUILTIN_POLICIES, '..')))
    ? BUILTIN_BUNDLE
    : undefined;
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
