/** Policy paths as reports show them: relative to the repository, never into an installed package's folder. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyPath } from '../../src/engine/policy-files.js';

describe('policyPath', () => {
  const repo = '/work/acme';
  it('is relative to the repository for its own files', () => {
    expect(policyPath(join(repo, 'controls/x.rego'), join(repo, 'controls'), repo)).toBe('controls/x.rego');
  });
  it('is <policy dir>/<path> for files outside it, or inside an installed package (node_modules)', () => {
    const installed = join(repo, 'node_modules/uar-check/policies');
    expect(policyPath(join(installed, 'stale_admin.rego'), installed, repo)).toBe('policies/stale_admin.rego');
    expect(policyPath(join(installed, 'lib/time.rego'), installed, repo)).toBe('policies/lib/time.rego');
    expect(policyPath('/usr/lib/uar-check/policies/a.rego', '/usr/lib/uar-check/policies', repo)).toBe(
      'policies/a.rego',
    );
  });
});
