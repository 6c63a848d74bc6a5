/**
 * snapshot.json: the exact document evaluated, so a run can be reproduced offline with `--snapshot`.
 * 2-space JSON with a trailing newline; `snapshot_sha256` in the evidence should be the SHA-256 of this text
 * (or of the file given with --snapshot, which renderAll then copies byte for byte).
 */
import type { AccessDocument } from '../model/document.js';
import { toJsonText } from './canonical.js';

export function renderSnapshot(doc: AccessDocument): string {
  return toJsonText(doc);
}
