/**
 * The import directions of docs/architecture.md, enforced: stages import only the leaves (model/, shared/,
 * errors.ts) and their own files; report/ renders and imports only the leaves; review.ts joins the stages but
 * never report/ or cli/; only cli/ and the package entry import report/; the look-alike knows nothing of the
 * client (source/); no file reaches itself through its imports; and text is ordered by one comparator only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');
const LEAVES = new Set(['model', 'shared', 'errors.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative imports and re-exports (type-only ones too: a type import is still a dependency). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s+'([^']+)'/g)].map((m) => m[1]!);
  const dynamic = [...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!);
  return [...specifiers, ...dynamic]
    .filter((s) => s.startsWith('.'))
    .map((s) => relative(SRC, resolve(dirname(file), s.replace(/\.js$/, '.ts'))));
}

/** "engine", "report", "errors.ts", "review.ts"…: the top-level folder or file of a path under src/. */
const areaOf = (path: string) => path.split('/')[0]!;

const files = sourceFiles(SRC).map((f) => relative(SRC, f));
const edges = new Map(files.map((f) => [f, importsOf(join(SRC, f))]));
const crossings = [...edges].flatMap(([from, targets]) =>
  targets.filter((to) => areaOf(to) !== areaOf(from)).map((to) => ({ from, to })),
);
const show = (list: { from: string; to: string }[]) => list.map((e) => `${e.from} → ${e.to}`);

describe('import directions', () => {
  it('finds the source files and their imports', () => {
    expect(files).toContain('review.ts');
    expect(edges.get('review.ts')?.length).toBeGreaterThan(5);
    for (const targets of edges.values()) for (const t of targets) expect(files, t).toContain(t);
  });

  it('leaves (model/, shared/, errors.ts) import only leaves', () => {
    const bad = crossings.filter((e) => LEAVES.has(areaOf(e.from)) && !LEAVES.has(areaOf(e.to)));
    expect(show(bad)).toEqual([]);
  });

  it('no stage imports another stage, report/, review.ts or cli/', () => {
    const entry = new Set(['cli', 'review.ts', 'index.ts']);
    const bad = crossings.filter(
      (e) => !entry.has(areaOf(e.from)) && !LEAVES.has(areaOf(e.from)) && !LEAVES.has(areaOf(e.to)),
    );
    expect(show(bad)).toEqual([]);
  });

  it('report/ is imported only by cli/ and the package entry; review.ts never imports cli/', () => {
    const bad = crossings.filter(
      (e) =>
        (areaOf(e.to) === 'report' && !['cli', 'index.ts'].includes(areaOf(e.from))) ||
        (areaOf(e.to) === 'cli' && areaOf(e.from) !== 'cli'),
    );
    expect(show(bad)).toEqual([]);
  });

  it('the look-alike imports nothing from source/ (it must be able to catch a wrong client schema)', () => {
    expect(show(crossings.filter((e) => areaOf(e.from) === 'lookalike' && areaOf(e.to) === 'source'))).toEqual([]);
  });

  it('orders text only with the one comparator (src/shared/order.ts): no locale, no default sort', () => {
    const bad = files
      .filter((f) => f !== 'shared/order.ts')
      .flatMap((f) =>
        readFileSync(join(SRC, f), 'utf8')
          .split('\n')
          .flatMap((line, i) => (/localeCompare|Intl\.Collator|\.sort\(\)/.test(line) ? [`${f}:${i + 1}`] : [])),
      );
    expect(bad).toEqual([]);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of edges.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
