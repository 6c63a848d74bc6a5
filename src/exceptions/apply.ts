/**
 * Applies the config's exceptions to the controls' raw outputs and computes each control's status:
 * skipped (disabled) → error → fail (a finding no live exception covers) → unknown → pass.
 */
import type {
  ControlDisable,
  ControlMeta,
  ControlResult,
  ExceptedFinding,
  Exception,
  Finding,
  PolicyOutput,
} from '../model/result.js';
import { compareText } from '../shared/order.js';
import { fingerprint, subjectKey } from './fingerprint.js';
import { isLive, namesSubject } from './match.js';

/** One control as the engine returns it: metadata plus its validated output, or the error that stopped it. */
export type RawControl = ControlMeta & { output: PolicyOutput | null; error: string | null };

export interface AppliedExceptions {
  controls: ControlResult[];
  /** Exceptions whose expiry day has passed: they covered nothing. Each listed once. */
  expired: Exception[];
  /** Live exceptions that covered no finding of a control that ran (disabled or failed controls excluded). */
  unused: Exception[];
}

/**
 * `disabled` maps the ids of controls the config turns off to their paper trail (controlDisables): a live one
 * skips the control, an expired one lets it run and stays on the result as a note. `workspaceId` feeds the
 * fingerprints.
 */
export function applyExceptions(
  controls: RawControl[],
  exceptions: Exception[],
  now: Date,
  disabled: ReadonlyMap<string, ControlDisable>,
  workspaceId: string,
): AppliedExceptions {
  const live = exceptions.filter((e) => isLive(e, now));
  const used = new Set<Exception>();
  const notRun = new Set<string>();
  const results = [...controls]
    .sort((a, b) => compareText(a.id, b.id))
    .map((control): ControlResult => {
      const { output, error, ...meta } = control;
      const empty = { findings: [], excepted: [], unknown: [], population: null };
      const disable = disabled.get(control.id) ?? null; // the config names controls by id only
      if (disable && !disable.expired) {
        notRun.add(control.id);
        return { ...meta, ...empty, status: 'skipped', error: null, disabled: disable };
      }
      if (error !== null || output === null) {
        notRun.add(control.id);
        return {
          ...meta,
          ...empty,
          status: 'error',
          error: error ?? 'the control returned no output',
          disabled: disable,
        };
      }
      const findings: Finding[] = [];
      const excepted: ExceptedFinding[] = [];
      for (const raw of output.findings) {
        const finding: Finding = {
          control: control.id,
          subject: raw.subject,
          message: raw.message,
          facts: raw.facts ?? {},
          fingerprint: fingerprint(control.id, workspaceId, raw.subject),
        };
        const exception = live.find((e) => e.control === control.id && namesSubject(e, raw.subject));
        if (exception) {
          used.add(exception);
          excepted.push({ ...finding, exception });
        } else {
          findings.push(finding);
        }
      }
      const unknown = [...output.unknown].sort(
        (a, b) =>
          compareText(a.subject ? subjectKey(a.subject) : '', b.subject ? subjectKey(b.subject) : '') ||
          compareText(a.reason, b.reason),
      );
      const status = findings.length > 0 ? 'fail' : unknown.length > 0 ? 'unknown' : 'pass';
      return {
        ...meta,
        status,
        population: output.population,
        findings: findings.sort(byFinding),
        excepted: excepted.sort(byFinding),
        unknown,
        error: null,
        disabled: disable,
      };
    });
  return {
    controls: results,
    expired: unique(exceptions.filter((e) => !isLive(e, now))),
    unused: unique(live.filter((e) => !used.has(e) && !notRun.has(e.control))),
  };
}

/** Deterministic order: control, subject key, message. */
function byFinding(a: Finding, b: Finding): number {
  return (
    compareText(a.control, b.control) ||
    compareText(subjectKey(a.subject), subjectKey(b.subject)) ||
    compareText(a.message, b.message)
  );
}

/** Drops repeated entries (the same exception written twice in the config). */
function unique(exceptions: Exception[]): Exception[] {
  const seen = new Set<string>();
  return exceptions.filter((e) => {
    const key = JSON.stringify([e.control, e.subject, e.reason, e.approved_by, e.approved_at, e.ticket, e.expires]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
