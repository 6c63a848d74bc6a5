/**
 * Reads a saved access document (`uar-check fetch --out`, or a run's snapshot.json). Like every input file it
 * may be UTF-8 with or without a BOM, or UTF-16 with a BOM; errors say line:column and never quote its bytes.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import { AccessDocument, DOCUMENT_VERSION } from '../model/document.js';
import { safeParseUnchanged } from '../model/unchanged.js';
import { readBytesOr } from '../shared/read-file.js';
import { decodeKeepingLineEnds, jsonProblem, withLfLineEnds } from '../shared/text-input.js';

/**
 * AccessDocument.safeParse, except that a document zod would accept and return unchanged (what uar-check writes)
 * is used as parsed, without zod's copy of every object; anything else (invalid, or valid with members zod drops)
 * goes through zod, which rejects with its message or returns its cleaned copy.
 */
const parseDocument = safeParseUnchanged(AccessDocument);

export async function readSnapshot(file: string): Promise<AccessDocument> {
  return (await readSnapshotHashed(file)).document;
}

/**
 * The document and the SHA-256 of the file's bytes as read (the evidence's input hash): the file is read once,
 * not read again to hash it.
 */
export async function readSnapshotHashed(file: string): Promise<{ document: AccessDocument; sha256: string }> {
  const read = hashedText(
    await readBytesOr(
      file,
      (reason, cause) => new InputError(file, `cannot read the snapshot file: ${reason} (check the path)`, { cause }),
    ),
  );
  const { sha256 } = read;
  return { document: parseSnapshot(file, read), sha256 };
}

/** The bytes' hash and text; the bytes are not held once it returns. */
function hashedText(bytes: Buffer): { text: string; sha256: string } {
  return { text: decodeKeepingLineEnds(bytes), sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Takes `read.text` (leaves '' there), so that the text, held here alone, is let go before the document is checked. */
function parseSnapshot(file: string, read: { text: string }): AccessDocument {
  let text = read.text;
  read.text = '';
  let json: unknown;
  try {
    json = JSON.parse(text); // CRLF or LF: the same value, or an error either way (decodeKeepingLineEnds)
  } catch {
    // The message counts lines and columns in the text with LF line ends, as every reader's messages do.
    const lf = withLfLineEnds(text);
    try {
      json = JSON.parse(lf);
    } catch (cause) {
      const { reason, line, column } = jsonProblem(lf, cause);
      throw new InputError(file, `not valid JSON (${reason}); expected a snapshot written by \`uar-check fetch\``, {
        cause,
        line,
        column,
      });
    }
  }
  text = ''; // the text is not needed any more: let it go before the document is checked
  const version = (json as { document_version?: unknown } | null)?.document_version;
  if (version !== DOCUMENT_VERSION) {
    throw new InputError(
      file,
      `not an access document v${DOCUMENT_VERSION} (document_version is ${shortJson(version)}); write one with \`uar-check fetch\``,
    );
  }
  const parsed = parseDocument(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      file,
      `${formatPath(issue?.path ?? [])}: ${issue?.message}; the file does not match the access document schema (\`uar-check schema\`)`,
    );
  }
  return parsed.data;
}

export function formatPath(path: PropertyKey[]): string {
  return (
    path.reduce<string>(
      (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
      '',
    ) || '(root)'
  );
}

/** A value from the file, short enough for one line. */
function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? 'missing';
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
