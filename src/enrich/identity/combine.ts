/**
 * Combine the partial records of one source (all its files) into one record per person. Partials with the same
 * id merge; a partial without an id joins the record that has its principal (UPN / login / primary email);
 * partials without id and without a known principal merge by principal among themselves. Two ids never merge,
 * even with the same principal: they are two people, and the join will report a conflict if both match.
 */

import { compareText } from '../../shared/order.js';
import { addressKey } from '../address.js';
import { combineMfa, combineSignIn, combineStatus } from './facts.js';
import type { IdentityRecord, PartialRecord } from './record.js';

export function combineSource(partials: PartialRecord[]): IdentityRecord[] {
  const groups: PartialRecord[][] = [];
  const byId = new Map<string, PartialRecord[]>();
  const byPrincipal = new Map<string, PartialRecord[] | 'ambiguous'>();
  for (const p of partials) {
    if (p.id === null) continue;
    let group = byId.get(p.id);
    if (!group) {
      group = [];
      groups.push(group);
      byId.set(p.id, group);
    }
    group.push(p);
    const key = p.principal ? addressKey(p.principal) : '';
    if (key) {
      const seen = byPrincipal.get(key);
      byPrincipal.set(key, seen === undefined || seen === group ? group : 'ambiguous');
    }
  }
  for (const p of partials) {
    if (p.id !== null) continue;
    const key = p.principal ? addressKey(p.principal) : '';
    const seen = key ? byPrincipal.get(key) : undefined;
    if (Array.isArray(seen)) {
      seen.push(p);
    } else {
      const group = [p];
      groups.push(group);
      if (key && seen === undefined) byPrincipal.set(key, group);
    }
  }
  return groups.map(toRecord);
}

function toRecord(group: PartialRecord[]): IdentityRecord {
  const first = group[0]!;
  const keys = new Map<string, 'primary' | 'alias'>();
  for (const p of group) {
    for (const a of p.primary) {
      const key = addressKey(a);
      if (key) keys.set(key, 'primary');
    }
  }
  for (const p of group) {
    for (const a of p.aliases) {
      const key = addressKey(a);
      if (key && !keys.has(key)) keys.set(key, 'alias');
    }
  }
  return {
    source: first.source,
    files: [...new Set(group.map((p) => p.file))].sort(compareText),
    record_id: group.find((p) => p.id !== null)?.id ?? null,
    origin: first.line === null ? first.file : `${first.file}:${first.line}`,
    keys,
    status: combineStatus(group.map((p) => p.status)),
    mfa: combineMfa(group.map((p) => p.mfa)),
    last_sign_in: combineSignIn(group.map((p) => p.last_sign_in)),
  };
}
