/**
 * One review file from the worksheets of a split campaign (`campaign start --split-by-reviewer`), so that
 * `run --reviews` reads every reviewer's decisions: CSV files are joined under their common header, YAML files
 * campaign by campaign. Rows and keys are kept as written; files of different formats or headers are refused.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as csvStringify } from 'csv-stringify/sync';
import { isMap, isSeq, parseDocument, stringify as yamlStringify } from 'yaml';
import { InputError } from '../errors.js';
import { type WorksheetFormat, worksheetFormat } from './render.js';

export function mergeWorksheets(files: { file: string; text: string }[], format: WorksheetFormat): string {
  for (const { file } of files)
    if (worksheetFormat(file) !== format)
      throw new InputError(file, `is not a ${format.toUpperCase()} worksheet like --out; merge files of one format`);
  return format === 'yaml' ? mergeYaml(files) : mergeCsv(files);
}

function mergeCsv(files: { file: string; text: string }[]): string {
  let header: string[] | null = null;
  let first = '';
  const rows: string[][] = [];
  for (const { file, text } of files) {
    let records: string[][];
    try {
      records = parseCsv(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true });
    } catch (cause) {
      throw new InputError(file, `not a valid CSV file: ${(cause as Error).message}`, { cause });
    }
    const [head, ...body] = records;
    if (!head) throw new InputError(file, 'the file is empty; expected a worksheet header row');
    const names = head.map((h) => h.trim().toLowerCase());
    if (header === null) {
      header = head;
      first = file;
    } else if (names.join(',') !== header.map((h) => h.trim().toLowerCase()).join(',')) {
      throw new InputError(file, `its header differs from ${first}'s; merge worksheets of one campaign start`, {
        line: 1,
      });
    }
    rows.push(...body);
  }
  return csvStringify([header ?? [], ...rows], { bom: true, record_delimiter: 'unix' });
}

function mergeYaml(files: { file: string; text: string }[]): string {
  const campaigns = new Map<string, { campaign: Record<string, unknown>; file: string }>();
  for (const { file, text } of files) {
    const doc = parseDocument(text);
    if (doc.errors[0]) throw new InputError(file, `not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
    const list = isMap(doc.contents) ? doc.contents.get('campaigns', true) : undefined;
    if (!isSeq(list)) throw new InputError(file, 'expected a top-level "campaigns:" list', { line: 1 });
    for (const item of (list.toJSON() as Record<string, unknown>[]) ?? []) {
      const id = String(item.id ?? '');
      const { decisions, ...fields } = item;
      const seen = campaigns.get(id);
      if (!seen) {
        campaigns.set(id, { campaign: { ...fields, decisions: [...((decisions as unknown[]) ?? [])] }, file });
        continue;
      }
      const { decisions: _, ...known } = seen.campaign;
      if (JSON.stringify(known) !== JSON.stringify(fields))
        throw new InputError(file, `campaign "${id}" differs from ${seen.file} (start, due date or snapshot)`);
      (seen.campaign.decisions as unknown[]).push(...((decisions as unknown[]) ?? []));
    }
  }
  const body = { campaigns: [...campaigns.values()].map((c) => c.campaign) };
  return yamlStringify(body, { nullStr: '', lineWidth: 0 });
}
