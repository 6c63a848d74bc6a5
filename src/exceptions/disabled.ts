/** Which controls the config turns off at a time: a disable with a past `expires` day no longer holds. */
import type { ControlDisable } from '../model/result.js';
import { isLive } from './match.js';

/** A control's setting as the config gives it (the fields this stage reads). */
export interface ControlSettingInput {
  enabled: boolean;
  reason?: string;
  approved_by?: string;
  ticket?: string;
  expires?: string;
}

/** Control id → its disable (expired or not), for every control the config turns off. */
export function controlDisables(settings: Record<string, ControlSettingInput>, now: Date): Map<string, ControlDisable> {
  const out = new Map<string, ControlDisable>();
  for (const [id, s] of Object.entries(settings)) {
    if (s.enabled) continue;
    const expires = s.expires ?? null;
    out.set(id, {
      reason: s.reason ?? '',
      approved_by: s.approved_by ?? '',
      ticket: s.ticket ?? null,
      expires,
      expired: expires !== null && !isLive({ expires }, now),
    });
  }
  return out;
}
