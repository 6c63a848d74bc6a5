/**
 * The YAML review file:
 *   campaigns:
 *     - id: 2026-Q4
 *       started_at: 2026-10-01
 *       due_at: 2026-10-31          # optional
 *       decisions:
 *         - { subject: ana@acme.com, reviewer: bo@acme.com, decision: keep, decided_at: 2026-10-05, justification: "…" }
 * Unknown keys are errors (a typo such as `reviwer` must not silently drop data); the keys a campaign worksheet
 * adds (src/model/worksheet.ts) are known and ignored. A decision whose decision, decided_at and justification
 * are all empty is not decided yet and is skipped. Errors carry the YAML line.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { InputError } from '../errors.js';
import type { Campaign } from '../model/document.js';
import { WORKSHEET_CAMPAIGN_FIELDS, WORKSHEET_ROW_FIELDS } from '../model/worksheet.js';
import { parseYamlInput } from '../shared/yaml-input.js';
import { DATE_EXPECTED, decisionWord, makeDecision } from './review-decision.js';
import { parseDayOrInstant } from './time.js';

// A campaign worksheet (uar-check campaign start) adds what the reviewer was shown; read and ignored here.
const CAMPAIGN_KEYS = ['id', 'started_at', 'due_at', 'decisions', ...WORKSHEET_CAMPAIGN_FIELDS];
const DECISION_KEYS = ['subject', 'reviewer', 'decision', 'decided_at', 'justification', ...WORKSHEET_ROW_FIELDS];

export function parseReviewsYaml(file: string, text: string): Campaign[] {
  const { doc, lineOf } = parseYamlInput(file, text);
  const fail = (node: Node | null | undefined, detail: string): InputError =>
    new InputError(file, detail, { line: lineOf(node) });
  const root = doc.contents;
  const list = isMap(root) ? root.get('campaigns', true) : undefined;
  if (!isSeq(list)) throw fail(root, 'expected a top-level "campaigns:" list');
  const seen = new Set<string>();
  return list.items.map((item) => {
    const c = asMap(item, fail, 'a campaign with id, started_at and decisions');
    checkKeys(c, CAMPAIGN_KEYS, fail);
    const id = scalar(c, 'id', fail, true)!;
    if (seen.has(id))
      throw fail(c.get('id', true) as Node, `campaign "${id}" appears twice; expected unique campaign ids`);
    seen.add(id);
    const decisions = c.get('decisions', true);
    if (decisions !== undefined && decisions !== null && !isSeq(decisions))
      throw fail(c, `campaign "${id}": decisions is not a list`);
    const dueText = scalar(c, 'due_at', fail, false);
    return {
      id,
      started_at: date(c, 'started_at', fail)!,
      due_at: dueText === null ? null : date(c, 'due_at', fail),
      decisions: (isSeq(decisions) ? decisions.items : []).flatMap((d) => {
        const m = asMap(d, fail, 'a decision with subject, reviewer, decision and decided_at');
        checkKeys(m, DECISION_KEYS, fail);
        if (['decision', 'decided_at', 'justification'].every((k) => scalar(m, k, fail, false) === null)) return [];
        const word = decisionWord(scalar(m, 'decision', fail, true)!);
        if (!word)
          throw fail(
            m.get('decision', true) as Node,
            `decision "${scalar(m, 'decision', fail, true)}" is not a known decision; expected keep, revoke or modify`,
          );
        return [
          makeDecision(
            scalar(m, 'subject', fail, true)!,
            scalar(m, 'reviewer', fail, true)!,
            word,
            date(m, 'decided_at', fail)!,
            scalar(m, 'justification', fail, false),
          ),
        ];
      }),
    };
  });
}

type Fail = (node: Node | null | undefined, detail: string) => InputError;

function asMap(node: unknown, fail: Fail, what: string): YAMLMap {
  if (!isMap(node)) throw fail(node as Node, `expected ${what}`);
  return node;
}

function checkKeys(map: YAMLMap, allowed: string[], fail: Fail): void {
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '?';
    if (!allowed.includes(key))
      throw fail(pair.key as Node, `unknown key "${key}"; expected one of ${allowed.join(', ')}`);
  }
}

function scalar(map: YAMLMap, key: string, fail: Fail, required: boolean): string | null {
  const node = map.get(key, true);
  if (node === undefined || (isScalar(node) && (node.value === null || node.value === ''))) {
    if (required) throw fail(map, `missing "${key}"`);
    return null;
  }
  if (!isScalar(node)) throw fail(node as Node, `"${key}" is not a single value`);
  const value = node.value;
  return value instanceof Date ? value.toISOString() : String(value);
}

function date(map: YAMLMap, key: string, fail: Fail): string | null {
  const text = scalar(map, key, fail, true)!;
  const value = parseDayOrInstant(text.replace(/\.000Z$/, 'Z'));
  if (value === null) throw fail(map.get(key, true) as Node, `${key} "${text}" is not a date; ${DATE_EXPECTED}`);
  return value;
}
