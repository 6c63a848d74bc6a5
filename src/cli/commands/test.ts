/** `uar-check test`: opa test (with coverage) and opa check --strict with the WASM capabilities and the schema. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { testPolicies } from '../../authoring/test-policies.js';
import { findOpa, wasmCapabilitiesFile } from '../../engine/index.js';
import { documentJsonSchema } from '../../model/document.js';
import type { CommandContext } from '../io.js';
import { BUILTIN_POLICIES, cacheDir } from '../paths.js';
import { addPolicyOptions, type PolicyFlags, selectPolicies } from '../policy-options.js';
import { checkCustomControlIds } from '../preflight.js';
import { COMMAND_SUMMARIES } from './summaries.js';

export function registerTest(program: Command, ctx: CommandContext): void {
  const command = program.command('test').description(COMMAND_SUMMARIES.test.description);
  addPolicyOptions(command).action(async (flags: PolicyFlags) => {
    const selection = selectPolicies(flags, ctx.io.cwd);
    await checkCustomControlIds(selection.custom, ctx.io.cwd, BUILTIN_POLICIES);
    const opa = await findOpa(ctx.io.env);
    const dir = cacheDir(ctx.io.env);
    await mkdir(dir, { recursive: true });
    const schemaFile = join(dir, 'access-document.schema.json');
    await writeFile(schemaFile, JSON.stringify(documentJsonSchema()));
    const outcome = await testPolicies({
      policyDirs: selection.policyDirs.map((d) => shortPath(d, ctx.io.cwd)),
      opa,
      capabilitiesFile: await wasmCapabilitiesFile(opa, dir),
      schemaFile,
    });
    ctx.io.stdout(outcome.report);
    ctx.exit(outcome.ok ? 0 : 1);
  });
}

/** A directory inside the working directory as a relative path, so reports name files as the user sees them. */
function shortPath(dir: string, cwd: string): string {
  const inside = relative(cwd, resolve(cwd, dir));
  return inside === '' ? '.' : inside.startsWith('..') ? dir : inside;
}
