/**
 * Reads an evaluation thread's answer for a set of controls: each control's validated output, or one line saying
 * why it is an error. The answer is either the one pass of an entrypoint gathering them all (`uar/main`, or a
 * group of chunked evaluation, same shape) or, when that failed, each control's own entrypoint.
 *
 * The runner, not each policy, decides that a control produced evidence: a control without a `findings` rule
 * (a typo such as `finding`, or no rules at all), whose `population` is undefined (missing, or a runtime error
 * such as a division by zero, which WASM turns into undefined), or whose result has the wrong shape is `error`.
 */
import { z } from 'zod';
import { PolicyError } from '../errors.js';
import { type ControlMeta, PolicyOutput } from '../model/result.js';
import { oneLine } from '../shared/printable.js';
import { controlEntrypoint } from './main-rego.js';
import type { Evaluated, Outcome } from './wasm-protocol.js';

/** Each rule's value wrapped in an array: empty when the rule is undefined (see main-rego.ts). */
const Summary = z.object({
  findings: z.array(z.unknown()),
  unknown: z.array(z.unknown()),
  population: z.array(z.unknown()),
});
type Summary = z.infer<typeof Summary>;

const MainResult = z.tuple([
  z.object({
    result: z.object({
      results: z.record(z.string(), Summary).default({}),
      params: z.record(z.string(), z.unknown()).default({}),
    }),
  }),
]);
const OneResult = z.array(z.object({ result: z.unknown() }));

export const OUT_OF_MEMORY = /opa_malloc: failed|Maximum memory size|outside the bounds/;

export interface AnswerRead {
  params: Record<string, unknown>;
  outputs: Map<string, PolicyOutput>;
  errors: Map<string, string>;
}

/**
 * `live`: the controls the answer is about; `modules`: their module names (absent: not one name under
 * uar.controls); `size`: the input's size, for the line of a document too large for WASM memory.
 */
export function readAnswer(
  answer: Evaluated,
  live: ControlMeta[],
  modules: Map<string, string | undefined>,
  rules: Record<string, string[]>,
  size: string,
): AnswerRead {
  const outputs = new Map<string, PolicyOutput>();
  const errors = new Map<string, string>();
  if ('value' in answer.main) {
    const parsed = MainResult.safeParse(answer.main.value);
    if (!parsed.success) throw new PolicyError('the policy bundle returned no results (was it built by uar-check?)');
    const main = parsed.data[0].result;
    for (const control of live) {
      const module = modules.get(control.id);
      if (module) judge(control, main.results[module], rules[control.id], outputs, errors);
      else errors.set(control.id, unnamed(control));
    }
    return { params: main.params, outputs, errors };
  }

  // The one pass failed: each control was evaluated alone.
  const outOfMemory: ControlMeta[] = [];
  for (const control of live) {
    const module = modules.get(control.id);
    if (!module) {
      errors.set(
        control.id,
        `${control.file}:${control.line}: could not be evaluated on its own (package ${control.package})`,
      );
      continue;
    }
    const one = answer.controls[controlEntrypoint(module)] ?? { error: 'not evaluated' };
    if ('value' in one) {
      const parsed = OneResult.safeParse(one.value);
      if (parsed.success) {
        judge(control, Summary.safeParse(parsed.data[0]?.result).data, rules[control.id], outputs, errors);
        continue;
      }
      errors.set(control.id, `${control.file}:${control.line}: evaluation failed: ${oneLine(parsed.error.message)}`);
    } else if (OUT_OF_MEMORY.test(one.error)) outOfMemory.push(control);
    else errors.set(control.id, `${control.file}:${control.line}: evaluation failed: ${oneLine(one.error)}`);
  }
  if (live.length > 0 && outOfMemory.length === live.length) {
    throw new PolicyError(
      `evaluation ran out of WASM memory (2 GiB) for a ${size} document; ` +
        'split the review or reduce the document (see bench/README.md for the sizes measured)',
      undefined,
      { cause: new Error(answer.main.error) },
    );
  }
  // Other controls fit in the same memory with the same document: the control itself builds too much.
  for (const control of outOfMemory) {
    errors.set(
      control.id,
      `${control.file}:${control.line}: ran out of WASM memory (2 GiB) on its own, while the other controls ` +
        `fit with this ${size} document: the control builds values too large (e.g. a comprehension over a ` +
        'large range, or every pair of two lists); narrow what it collects',
    );
  }
  return { params: paramsOf(answer.params), outputs, errors };
}

function paramsOf(outcome: Outcome | null): Record<string, unknown> {
  const parsed = outcome && 'value' in outcome ? OneResult.safeParse(outcome.value) : null;
  const value = parsed?.success ? parsed.data[0]?.result : undefined;
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function unnamed(control: ControlMeta): string {
  return `${control.file}:${control.line}: package ${control.package} is not one name under uar.controls; name it uar.controls.<name> (letters, digits, _)`;
}

/** A document's size for a message: "2.4 kB" below a megabyte, "24 MB" above. */
export function sizeText(bytes: number): string {
  return bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(0)} MB`;
}

/** Turns one control's summary into its validated output, or says why it is an error. */
function judge(
  control: ControlMeta,
  summary: Summary | undefined,
  rules: string[] | undefined,
  outputs: Map<string, PolicyOutput>,
  errors: Map<string, string>,
): void {
  const where = `${control.file}:${control.line}`;
  const defines = !rules ? '' : rules.length > 0 ? ` (its rules: ${rules.join(', ')})` : ' (it has no rules)';
  const [findings] = summary?.findings ?? [];
  const [population] = summary?.population ?? [];
  const [unknown] = summary?.unknown ?? [];
  if (findings === undefined) {
    errors.set(
      control.id,
      `${where}: \`findings\` is undefined${defines}: the rule is missing or misnamed (e.g. \`finding\`), ` +
        'or its body is false; a control defines findings, unknown and population',
    );
    return;
  }
  if (population === undefined) {
    errors.set(
      control.id,
      `${where}: \`population\` is undefined${defines}: the rule is missing, or it failed at run time ` +
        '(e.g. a division by zero)',
    );
    return;
  }
  const output = PolicyOutput.safeParse({ findings, unknown: unknown ?? [], population });
  if (!output.success) {
    const issue = output.error.issues[0];
    errors.set(
      control.id,
      `${where}: result has the wrong shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message} ` +
        '(see policies/README.md for the finding object)',
    );
    return;
  }
  outputs.set(control.id, output.data);
}
