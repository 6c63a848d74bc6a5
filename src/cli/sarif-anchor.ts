/**
 * Where each control's SARIF results point, so every alert links to a file of the repository that runs the review.
 * A control whose policy file is in that repository (a team's own control) points at it (line of `package`). A
 * built-in control points at the config file (the first line naming its id, else line 1), else at the workflow
 * file (GITHUB_WORKFLOW_REF), else at `--sarif-anchor FILE`; with none of them, at its policy file as before,
 * which is not a file of a team's repository: `anchorWarning` then says so and how to fix it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ConfigError } from '../errors.js';
import type { ControlMeta } from '../model/result.js';
import type { SarifLocation } from '../report/sarif.js';

export interface AnchorOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  config?: string;
  sarifAnchor?: string;
}

export function sarifLocations(controls: ControlMeta[], options: AnchorOptions): Record<string, SarifLocation> {
  const { cwd } = options;
  if (options.sarifAnchor && !existsSync(resolve(cwd, options.sarifAnchor))) {
    throw new ConfigError(`--sarif-anchor ${options.sarifAnchor}: no such file in the repository`);
  }
  const inRepo = (file: string) => {
    const path = relative(cwd, resolve(cwd, file));
    return path && !path.startsWith('..') && !isAbsolute(path) && existsSync(resolve(cwd, path))
      ? path.split(sep).join('/')
      : undefined;
  };
  const config = options.config ? inRepo(options.config) : undefined;
  const configLines = config ? readFileSync(resolve(cwd, config), 'utf8').split('\n') : [];
  const workflow = workflowFile(options.env.GITHUB_WORKFLOW_REF);
  const fallback = config ?? (workflow && inRepo(workflow)) ?? (options.sarifAnchor && inRepo(options.sarifAnchor));
  const locations: Record<string, SarifLocation> = {};
  for (const c of controls) {
    const own = inRepo(c.file);
    if (own) {
      locations[c.id] = { file: own, line: c.line };
    } else if (fallback) {
      const mention = new RegExp(`(^|[^A-Za-z0-9-])${c.id}([^0-9]|$)`);
      const index = fallback === config ? configLines.findIndex((l) => mention.test(l)) : -1;
      locations[c.id] = { file: fallback, line: index + 1 || 1 };
    }
  }
  return locations;
}

/** One line when some controls have no file of the repository to point at (their alerts would link to nothing). */
export function anchorWarning(controls: ControlMeta[], locations: Record<string, SarifLocation>): string | undefined {
  const loose = controls.filter((c) => !locations[c.id]).map((c) => c.id);
  if (loose.length === 0) return undefined;
  const named = loose.length > 3 ? `${loose.slice(0, 3).join(', ')} and ${loose.length - 3} more` : loose.join(', ');
  return (
    `results.sarif: ${named} point at policy files that are not in this repository, so code scanning cannot ` +
    'show those alerts at a file; give --config FILE or --sarif-anchor FILE (the Action uses its workflow file)'
  );
}

/** `owner/repo/.github/workflows/uar.yml@refs/heads/main` → `.github/workflows/uar.yml`. */
function workflowFile(ref: string | undefined): string | undefined {
  const match = ref ? /^[^/]+\/[^/]+\/(.+?)@/.exec(ref) : null;
  return match?.[1];
}
