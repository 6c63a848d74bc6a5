// The findings of a run, as comparable sets: from uar-check's evidence.json and from `opa eval` of
// data.uar.main.results. Used by the benchmark and by test/bench (the same findings on the same document).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The control modules (last package segment under uar.controls) of the .rego files in a directory. */
export function controlModules(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.rego') && !f.endsWith('_test.rego'))
    .flatMap((f) => /^package uar\.controls\.(\w+)/m.exec(readFileSync(join(dir, f), 'utf8'))?.[1] ?? []);
}

/** control package name → sorted canonical JSON of each finding's subject, message and facts. */
export function findingsFromEvidence(evidence) {
  const out = {};
  for (const c of evidence.controls) {
    out[c.policy.package.split('.').pop()] = canonicalSet([...c.findings, ...c.excepted]);
  }
  return out;
}

export function findingsFromOpa(opaOutput) {
  const results = opaOutput.result[0].expressions[0].value;
  // the runner wraps each rule's value in an array (empty when undefined): see src/engine/main-rego.ts
  return Object.fromEntries(Object.entries(results).map(([name, r]) => [name, canonicalSet(r.findings[0] ?? [])]));
}

/** null when both have the same findings, else a short description of the first difference. */
export function compareFindings(a, b) {
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[name] ?? [];
    const y = b[name] ?? [];
    if (x.length !== y.length) return `DIFFERENT: ${name} has ${x.length} vs ${y.length} findings`;
    const i = x.findIndex((v, j) => v !== y[j]);
    if (i >= 0) return `DIFFERENT: ${name}: ${x[i].slice(0, 300)} vs ${y[i].slice(0, 300)}`;
  }
  return null;
}

function canonicalSet(findings) {
  return findings
    .map((f) => JSON.stringify(sortKeys({ subject: withoutNulls(f.subject), message: f.message, facts: f.facts })))
    .sort();
}

/** The evidence writes absent subject members as null; OPA leaves them out. */
function withoutNulls(subject) {
  return Object.fromEntries(Object.entries(subject ?? {}).filter(([, v]) => v !== null));
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys(value[k])]),
    );
  }
  return value;
}
