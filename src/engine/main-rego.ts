/**
 * The runner's own Rego, generated for each build. Each control gets one rule (`uar/main/control_<module>`) that
 * reads exactly its `findings`, `unknown` and `population` — each wrapped in an array, empty when undefined, so
 * the runner (not each policy) sees what a control failed to define. `uar/main` gathers them all, so a single
 * WASM evaluation returns every control (and the effective parameters, when the policies define
 * data.uar.lib.params); when that one pass fails, each control's own entrypoint is evaluated alone, so a failing
 * control cannot take the others down with it.
 *
 * Two more entrypoints serve chunked evaluation (chunks.ts), with `uar/main`'s shape and in a package of their own
 * (so `uar/main`'s value does not hold them): `uar/groups/by_user` gathers the user-scoped controls (METADATA
 * `scope: user`), evaluated over slices of the users, and `uar/groups/whole` the others, evaluated once over
 * the whole document.
 */
import { compareText } from '../shared/order.js';

export const MAIN_ENTRYPOINT = 'uar/main';
export const PARAMS_ENTRYPOINT = 'uar/main/params';
export const BY_USER_ENTRYPOINT = 'uar/groups/by_user';
export const WHOLE_ENTRYPOINT = 'uar/groups/whole';

/**
 * Bumped whenever the runner's Rego or the bundle's metadata change meaning (part of every cache key); 4: a policy
 * folder given as a symbolic link is read (its controls were missing from the metadata).
 */
export const RUNNER_VERSION = 4;

/** The rules the runner reads from every control. */
export const CONTROL_RULES = ['findings', 'unknown', 'population'] as const;

export function controlEntrypoint(module: string): string {
  return `uar/main/control_${module}`;
}

/** The runner's Rego for these control modules (the last segment of each package under uar.controls). */
export function mainRego(modules: string[]): string {
  const sorted = [...new Set(modules)].sort(compareText);
  const lines = ['package uar.main', '', 'results := {'];
  for (const m of sorted) lines.push(`\t"${m}": control_${m},`);
  lines.push('}', '', 'default params := {}', '', 'params := data.uar.lib.params');
  for (const m of sorted) {
    lines.push('', `control_${m} := {`);
    for (const rule of CONTROL_RULES) lines.push(`\t"${rule}": [v | v := data.uar.controls.${m}.${rule}],`);
    lines.push('}');
  }
  return `${lines.join('\n')}\n`;
}

/** The runner's Rego of the two groups of chunked evaluation, `byUser` being the user-scoped modules. */
export function groupsRego(modules: string[], byUser: string[]): string {
  const sorted = [...new Set(modules)].sort(compareText);
  const scoped = new Set(byUser);
  const lines = ['package uar.groups'];
  for (const [name, members] of [
    ['by_user', sorted.filter((m) => scoped.has(m))],
    ['whole', sorted.filter((m) => !scoped.has(m))],
  ] as const) {
    lines.push('', `${name} := {`, '\t"results": {');
    for (const m of members) lines.push(`\t\t"${m}": data.uar.main.control_${m},`);
    lines.push('\t},', '\t"params": data.uar.main.params,', '}');
  }
  return `${lines.join('\n')}\n`;
}
