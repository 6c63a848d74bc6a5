/**
 * The runner's half of "never pass without evidence": a control declares in METADATA `needs` which data it
 * judges; when that data is not in the document (not given, not read, or not offered by the workspace's plan),
 * the control cannot pass — whatever its policy says. A pass becomes unknown, with one reason per missing item
 * naming why (for a plan: Segment's own words). Findings stay findings; an error or a skipped control is untouched.
 * An item outside the vocabulary makes the control an error: nobody could tell what it needs.
 */
import type { Coverage } from '../model/document.js';
import type { ControlResult } from '../model/result.js';

/** What `needs` may name, and where that data comes from. */
export const NEEDS = ['audit', 'groups', 'hr', 'identity', 'invites', 'reviews'] as const;
export type Need = (typeof NEEDS)[number];

/** Why `need` is unavailable in a document with this coverage, or null when it is there. */
export function missingNeed(need: Need, coverage: Coverage): string | null {
  const said = (feature: 'groups' | 'audit') => {
    const u = (coverage.unavailable ?? []).find((x) => x.feature === feature);
    return u?.message ? ` (Segment said: ${u.message})` : '';
  };
  switch (need) {
    case 'groups':
      if (coverage.groups === 'complete') return null;
      return coverage.groups === 'unavailable_plan'
        ? `needs user groups, which this workspace's Segment plan does not include${said('groups')}`
        : 'needs user groups, which were not read';
    case 'audit':
      if (coverage.audit === 'complete') return null;
      return coverage.audit === 'unavailable_plan'
        ? `needs the audit trail, which this workspace's Segment plan does not include${said('audit')}`
        : 'needs the audit trail, which was not requested (--audit-days)';
    case 'identity':
      return coverage.identity ? null : 'needs an identity export, and none was given (--identity)';
    case 'hr':
      return coverage.hr ? null : 'needs an HR roster, and none was given (--hr)';
    case 'reviews':
      return coverage.reviews ? null : 'needs review decisions, and none were given (--reviews)';
    case 'invites':
      return coverage.invites ? null : 'needs pending invites, which were not read completely';
  }
}

export function applyNeeds(control: ControlResult, coverage: Coverage): ControlResult {
  if (control.status === 'error' || control.status === 'skipped') return control;
  const unknownItems = control.needs.filter((n) => !(NEEDS as readonly string[]).includes(n));
  if (unknownItems.length > 0) {
    return {
      ...control,
      status: 'error',
      findings: [],
      excepted: [],
      unknown: [],
      population: null,
      error: `METADATA needs names ${unknownItems.map((n) => JSON.stringify(n)).join(', ')}, which the runner does not know; use ${NEEDS.join(', ')} (${control.file}:${control.line})`,
    };
  }
  const reasons = (control.needs as Need[]).map((n) => missingNeed(n, coverage)).filter((r): r is string => r !== null);
  if (reasons.length === 0) return control;
  const have = new Set(control.unknown.map((u) => (u.subject ? null : u.reason)));
  const unknown = [...control.unknown, ...reasons.filter((r) => !have.has(r)).map((reason) => ({ reason }))];
  return { ...control, status: control.status === 'pass' ? 'unknown' : control.status, unknown };
}
