/**
 * Which controls are cross-checked with OPA's strict builtin errors (engine/strict-check.ts): a team's own. A
 * control is built-in when its policy file is byte-identical to one of the built-in policy files; those run from
 * the precompiled bundle without OPA and are tested here, so they are never cross-checked. Everything else —
 * `--policy DIR` controls, or any control of a `--bundle` that is not a built-in one — is.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PolicySet } from '../engine/index.js';
import { BUILTIN_POLICIES } from './paths.js';

export async function customControlIds(policies: PolicySet): Promise<string[]> {
  const builtin = new Set<string>();
  const names = await readdir(BUILTIN_POLICIES, { recursive: true });
  for (const name of names.filter((n) => n.endsWith('.rego'))) {
    builtin.add(
      createHash('sha256')
        .update(await readFile(join(BUILTIN_POLICIES, name)))
        .digest('hex'),
    );
  }
  const hashes = new Map(policies.policyFiles.map((f) => [f.path, f.sha256]));
  return policies.controls.filter((c) => !builtin.has(hashes.get(c.file) ?? '')).map((c) => c.id);
}
