/**
 * Reads each control's package-level METADATA with `opa inspect -a`: id, title, severity, frameworks,
 * remediation, needs, and what it promises about chunked evaluation (scope, reads: chunks.ts). A package
 * under uar.controls without valid metadata is a PolicyError naming its file.
 */
import { relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { PolicyError } from '../errors.js';
import { type ControlMeta, SEVERITIES } from '../model/result.js';
import { opaMessage, runOpa } from '../shared/opa-cli.js';
import { compareText } from '../shared/order.js';
import type { OpaBinary } from './opa-binary.js';
import { policyPath } from './policy-files.js';

const CONTROLS_PREFIX = 'data.uar.controls.';

const Custom = z.object({
  id: z.string().regex(/^[A-Z][A-Z0-9]*-\d{3,}$/, 'custom.id must look like UAR-001'),
  severity: z.enum(SEVERITIES),
  frameworks: z.array(z.string()).default([]),
  remediation: z.string().default(''),
  needs: z.array(z.string()).default([]),
  scope: z.enum(['user']).optional(),
  reads: z
    .array(
      z
        .string()
        .regex(
          /^(?:[a-z_][a-z0-9_]*|users\.[a-z_][a-z0-9_]*)$/,
          'custom.reads lists members of input (coverage) or of its users (users.email)',
        ),
    )
    .optional(),
});

/**
 * What a control's METADATA promises about chunked evaluation (policies/README.md §2): `scope: user` = its
 * findings and unknown over the whole document are the union of those over any split of `input.users` (the rest
 * of the document unchanged), its population the sum; `reads` = it reads nothing of `input` but these members
 * (`coverage`, `users`) and, of each user, these (`users.email`).
 */
export interface ControlScope {
  scope?: 'user';
  reads?: string[];
}

const Inspection = z.object({
  namespaces: z.record(z.string(), z.array(z.string())).default({}),
  annotations: z
    .array(
      z.object({
        annotations: z.object({
          scope: z.string(),
          title: z.string().optional(),
          description: z.string().optional(),
          custom: z.record(z.string(), z.unknown()).optional(),
        }),
        location: z.object({ file: z.string(), row: z.number() }),
        path: z.array(z.object({ value: z.unknown() })),
      }),
    )
    .default([]),
});

export interface ControlInspection {
  controls: ControlMeta[];
  /** Controls that can never be evaluated, by id: what is wrong, in one line. */
  problems: Record<string, string>;
  /** Per control id, its promises about chunked evaluation, for the controls that make any. */
  scopes: Record<string, ControlScope>;
}

export async function readControlMeta(
  opa: OpaBinary,
  policyDirs: string[],
  baseDir: string,
): Promise<ControlInspection> {
  const controls: ControlMeta[] = [];
  const problems: Record<string, string> = {};
  const scopes: Record<string, ControlScope> = {};
  const dirs = [...new Set(policyDirs.map((d) => resolve(baseDir, d)))];
  for (const dir of dirs) {
    const found = await inspectDir(opa, dir, baseDir);
    controls.push(...found.controls);
    Object.assign(problems, found.problems);
    Object.assign(scopes, found.scopes);
  }
  const seen = new Map<string, string>();
  for (const c of controls) {
    const other = seen.get(c.id);
    if (other) throw new PolicyError(`id is used by both ${other} and ${c.file}; ids are never reused`, c.id);
    seen.set(c.id, c.file);
  }
  return { controls: controls.sort((a, b) => compareText(a.id, b.id)), problems, scopes };
}

async function inspectDir(opa: OpaBinary, dir: string, baseDir: string): Promise<ControlInspection> {
  // With a trailing separator: OPA does not look inside a folder given as a symbolic link to it (it saw no
  // control there, and the run went on without them), but does inside `link/`.
  const result = await runOpa(opa.path, ['inspect', '-a', '--format', 'json', `${dir}${sep}`]);
  if (!result.ok)
    throw new PolicyError(`cannot read policies in ${relative(baseDir, dir) || '.'}: ${opaMessage(result)}`);
  const inspection = Inspection.parse(JSON.parse(result.stdout));
  const controls: ControlMeta[] = [];
  const scopes: Record<string, ControlScope> = {};
  for (const [namespace, files] of Object.entries(inspection.namespaces)) {
    if (!namespace.startsWith(CONTROLS_PREFIX) || files.every((f) => f.endsWith('_test.rego'))) continue;
    const pkg = namespace.slice('data.'.length);
    const entry = inspection.annotations.find(
      (a) => a.annotations.scope === 'package' && a.path.map((p) => String(p.value)).join('.') === namespace,
    );
    const file = policyPath(entry?.location.file ?? files[0] ?? dir, dir, baseDir);
    if (!entry) throw new PolicyError(`${file}: package ${pkg} has no package-level # METADATA block with custom.id`);
    const custom = Custom.safeParse(entry.annotations.custom ?? {});
    if (!custom.success) {
      const issue = custom.error.issues[0];
      throw new PolicyError(
        `${file}:${entry.location.row}: METADATA custom.${issue?.path.join('.')}: ${issue?.message}`,
      );
    }
    const { scope, reads, ...meta } = custom.data;
    if (scope || reads) scopes[meta.id] = { ...(scope && { scope }), ...(reads && { reads }) };
    controls.push({
      ...meta,
      name: pkg.slice(CONTROLS_PREFIX.length - 'data.'.length).replaceAll('_', '-'),
      package: pkg,
      title: entry.annotations.title ?? custom.data.id,
      description: entry.annotations.description ?? '',
      file,
      line: entry.location.row,
    });
  }
  return { controls, problems: misplaced(inspection, dir, baseDir, controls), scopes };
}

/**
 * A package-level METADATA block with a custom.id in a package outside uar.controls (`package uar.control.x`, a
 * typo) would otherwise vanish silently: it becomes a control that is always `error`, saying what to fix.
 */
function misplaced(
  inspection: z.infer<typeof Inspection>,
  dir: string,
  baseDir: string,
  controls: ControlMeta[],
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const a of inspection.annotations) {
    const namespace = a.path.map((p) => String(p.value)).join('.');
    const id = a.annotations.custom?.id;
    if (a.annotations.scope !== 'package' || typeof id !== 'string' || namespace.startsWith(CONTROLS_PREFIX)) continue;
    if (a.location.file.endsWith('_test.rego')) continue;
    const pkg = namespace.replace(/^data\./, '');
    const file = policyPath(a.location.file, dir, baseDir);
    const severity = SEVERITIES.find((s) => s === a.annotations.custom?.severity) ?? 'high';
    const name = pkg.split('.').pop() ?? pkg;
    controls.push({
      id,
      name: name.replaceAll('_', '-'),
      package: pkg,
      title: a.annotations.title ?? id,
      description: a.annotations.description ?? '',
      severity,
      frameworks: [],
      remediation: '',
      needs: [],
      file,
      line: a.location.row,
    });
    problems[id] =
      `${file}:${a.location.row}: package ${pkg} is not under uar.controls, so this control never runs; ` +
      `name it package uar.controls.${name}`;
  }
  return problems;
}
