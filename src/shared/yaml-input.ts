/** Parse an input file's YAML, refusing a syntax error with one line naming the file and line. */
import { type Document, LineCounter, type Node, parseDocument } from 'yaml';
import { InputError } from '../errors.js';

export interface YamlInput {
  doc: Document;
  /** The 1-based line where a node starts; undefined for a node without a position. */
  lineOf(node: Node | null | undefined): number | undefined;
}

export function parseYamlInput(file: string, text: string): YamlInput {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const first = doc.errors[0];
  if (first)
    throw new InputError(file, `not valid YAML: ${first.message.split('\n')[0]}`, {
      line: lines.linePos(first.pos[0]).line,
      cause: first,
    });
  return { doc, lineOf: (node) => (node?.range ? lines.linePos(node.range[0]).line : undefined) };
}
