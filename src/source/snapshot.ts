/** Reads a saved access document (`uar-check fetch --out`, or a run's snapshot.json). */
import { InputError } from '../errors.js';
import { AccessDocument, DOCUMENT_VERSION } from '../model/document.js';
import { readTextOr } from '../shared/read-file.js';

export async function readSnapshot(file: string): Promise<AccessDocument> {
  const text = await readTextOr(
    file,
    (reason, cause) => new InputError(file, `cannot read the snapshot file: ${reason} (check the path)`, { cause }),
  );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new InputError(
      file,
      `not valid JSON (${(cause as Error).message}); expected a snapshot written by \`uar-check fetch\``,
      { cause },
    );
  }
  const version = (json as { document_version?: unknown } | null)?.document_version;
  if (version !== DOCUMENT_VERSION) {
    throw new InputError(
      file,
      `not an access document v${DOCUMENT_VERSION} (document_version is ${JSON.stringify(version)}); write one with \`uar-check fetch\``,
    );
  }
  const parsed = AccessDocument.safeParse(json);
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
