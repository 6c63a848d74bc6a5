/**
 * actionlint (pinned in tools/actionlint, run with `go tool actionlint`) and zizmor (pinned in tools/zizmor, run
 * offline) over every workflow and over action.yml's composite steps, through scripts/lint-workflows.mjs, the same
 * command the CI lint job runs.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(ROOT, 'scripts', 'lint-workflows.mjs');
const TIMEOUT = 600_000; // the first `go tool actionlint` builds it (about a minute on a cold cache)

interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
  kind: string;
}

function lint(root?: string): Promise<{ code: number; problems: Problem[]; stderr: string }> {
  const args = [SCRIPT, '--json', ...(root ? ['--root', root] : [])];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 16 << 20, timeout: TIMEOUT }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      if (code !== 0 && code !== 1) {
        reject(new Error(`lint-workflows exited ${code}: ${stderr}`));
        return;
      }
      resolve({ code, problems: JSON.parse(stdout) as Problem[], stderr });
    });
  });
}

const scratch: string[] = [];
afterAll(async () => {
  await Promise.all(scratch.map((d) => rm(d, { recursive: true, force: true })));
});

describe('actionlint and zizmor', () => {
  it(
    'find no problem in any workflow nor in action.yml (zizmor: each accepted finding justified in .github/zizmor.yml)',
    async () => {
      const { code, problems } = await lint();
      expect(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`)).toEqual([]);
      expect(code).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'really lints action.yml and the workflows: broken copies are reported against the right files',
    async () => {
      const root = await mkdtemp(join(tmpdir(), 'uar-lint-broken-'));
      scratch.push(root);
      await mkdir(join(root, '.github'), { recursive: true });
      await cp(join(ROOT, '.github', 'workflows'), join(root, '.github', 'workflows'), { recursive: true });
      await cp(join(ROOT, '.github', 'zizmor.yml'), join(root, '.github', 'zizmor.yml'));
      const action = await readFile(join(ROOT, 'action.yml'), 'utf8');
      const brokenAction = action
        .replace('${{ inputs.hr }}', '${{ inputs.hr-roster }}')
        .replace("steps.run.outputs.sarif != ''", "steps.runn.outputs.sarif != ''");
      expect(brokenAction).not.toBe(action);
      await writeFile(join(root, 'action.yml'), brokenAction);
      const ci = join(root, '.github', 'workflows', 'ci.yml');
      await writeFile(ci, (await readFile(ci, 'utf8')).replace('${{ matrix.node }}', '${{ matrix.nodes }}'));
      // The indexed secret this repository once used: every secret to every job.
      const review = join(root, '.github', 'workflows', 'uar-review.yml');
      const text = await readFile(review, 'utf8');
      const indexed = text.replace('${{ secrets.SEGMENT_TOKEN }}', '${{ secrets[matrix.token-secret] }}');
      expect(indexed).not.toBe(text);
      await writeFile(review, indexed);

      const { code, problems } = await lint(root);
      expect(code).toBe(1);
      const messages = problems.map((p) => `${p.file}: ${p.message}`);
      expect(messages).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^action\.yml: property "hr-roster" is not defined.*\(step "Run the access review"\)$/),
          expect.stringMatching(
            /^action\.yml: property "runn" is not defined.*\(step "Upload SARIF to code scanning"\)$/,
          ),
          expect.stringMatching(/^\.github\/workflows\/ci\.yml: property "nodes" is not defined/),
        ]),
      );
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ file: '.github/workflows/uar-review.yml', kind: 'zizmor/overprovisioned-secrets' }),
        ]),
      );
    },
    TIMEOUT,
  );
});
