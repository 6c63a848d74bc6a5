/**
 * SARIF rules: one reporting descriptor per control, with what GitHub code scanning shows and filters on:
 * short/full description, help (text + markdown: remediation, framework references), tags, default level
 * and `security-severity` as a string.
 */
import type { ControlMeta, Severity } from '../model/result.js';
import { compareText } from '../shared/order.js';

export type SarifLevel = 'error' | 'warning' | 'note';

/** critical/high → error, medium → warning, low → note. */
export const LEVEL: Record<Severity, SarifLevel> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

/** GitHub: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. 9.5 keeps critical off the 9.0 boundary. */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

const MAX_DESCRIPTION = 1024; // GitHub's limit for short and full descriptions
const MAX_TAGS = 10; // GitHub shows at most 10 tags per rule

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const orElse = (text: string, fallback: string) => (text.trim() ? text.trim() : fallback);

/** "stale-admin" → "StaleAdmin". */
export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** Repository-relative URI with forward slashes, percent-encoded where a URI needs it. */
export function policyUri(file: string): string {
  const path = file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  return encodeURI(path);
}

function helpMarkdown(c: ControlMeta): string {
  const frameworks = [...c.frameworks].sort(compareText);
  return [
    `**${c.id} ${c.title}** (severity: ${c.severity})`,
    '',
    orElse(c.description, c.title),
    '',
    '### Remediation',
    '',
    orElse(c.remediation, 'No remediation text was given for this control.'),
    '',
    '### Framework references',
    '',
    ...(frameworks.length ? frameworks.map((f) => `- ${f}`) : ['- none']),
    '',
    `Policy: \`${c.file.replace(/\\/g, '/')}\` (package \`${c.package}\`).`,
  ].join('\n');
}

function helpText(c: ControlMeta): string {
  const frameworks = [...c.frameworks].sort(compareText);
  return [
    `${c.id} ${c.title} (severity: ${c.severity})`,
    orElse(c.description, c.title),
    `Remediation: ${orElse(c.remediation, 'none given')}`,
    `Frameworks: ${frameworks.length ? frameworks.join('; ') : 'none'}`,
  ].join('\n\n');
}

export function sarifRule(c: ControlMeta) {
  const tags = [...new Set(['security', 'access-review', c.severity, ...[...c.frameworks].sort(compareText)])];
  return {
    id: c.id,
    name: clip(pascalCase(c.name) || c.id, 255),
    shortDescription: { text: clip(orElse(c.title, c.id), MAX_DESCRIPTION) },
    fullDescription: { text: clip(orElse(c.description, orElse(c.title, c.id)), MAX_DESCRIPTION) },
    help: { text: helpText(c), markdown: helpMarkdown(c) },
    defaultConfiguration: { level: LEVEL[c.severity] },
    properties: {
      tags: tags.slice(0, MAX_TAGS),
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[c.severity],
    },
  };
}
