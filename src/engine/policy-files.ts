/** Lists the files of policy directories (sorted) with their SHA-256, for the cache key and the evidence. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConfigError } from '../errors.js';
import { compareText } from '../shared/order.js';

export interface PolicyFile {
  path: string; // relative to baseDir, forward slashes
  /** The policy directory it was found in, named the same way. */
  root: string;
  sha256: string;
  content: Buffer;
}

const POLICY_FILE = /\.(rego|json|ya?ml)$/;

/**
 * Read synchronously: policy files are small and a run reads them all at start-up (to check the bundle), where
 * each asynchronous read would wait its turn four times (open, stat, read, close).
 */
export async function listPolicyFiles(policyDirs: string[], baseDir: string): Promise<PolicyFile[]> {
  const files: PolicyFile[] = [];
  const seen = new Set<string>();
  for (const dir of policyDirs) {
    const root = resolve(baseDir, dir);
    if (seen.has(root)) continue;
    seen.add(root);
    let names: string[];
    try {
      names = readdirSync(root, { recursive: true, encoding: 'utf8' });
    } catch (cause) {
      throw new ConfigError(`--policy ${dir}: not a readable directory`, { cause });
    }
    for (const name of names.filter((n) => POLICY_FILE.test(n)).sort(compareText)) {
      const content = readFileSync(join(root, name));
      const path = policyPath(join(root, name), root, baseDir);
      files.push({
        path,
        root: policyPath(root, root, baseDir) || '.',
        content,
        sha256: createHash('sha256').update(content).digest('hex'),
      });
    }
  }
  if (!files.some((f) => f.path.endsWith('.rego'))) {
    throw new ConfigError(`--policy ${policyDirs.join(', ')}: no .rego files found`);
  }
  return files;
}

/**
 * A policy file's path as reports show it: relative to baseDir (the repository), or — for files outside it, such
 * as the built-in policies of an installed uar-check — `<policy dir name>/<path inside it>`, so SARIF locations
 * (and the alerts GitHub tracks by them) do not change with where or which version of uar-check is installed.
 * A package installed into the repository (`node_modules/uar-check/policies/…`) counts as outside it: that folder
 * is not part of the repository, and its files must not become the places alerts point at.
 */
export function policyPath(file: string, policyDir: string, baseDir: string): string {
  const inside = relative(baseDir, file);
  const outside = inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('node_modules');
  const path = outside ? join(basename(policyDir), relative(policyDir, file)) : inside;
  return path.split(sep).join('/');
}
