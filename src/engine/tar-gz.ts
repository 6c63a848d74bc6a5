/**
 * Reads the regular files of a gzipped tar held in memory: what a policy bundle (`opa build`, a few hundred kB)
 * needs, in one synchronous pass (the `tar` package's streams cost more than the reading at start-up). Strict: a
 * truncated or corrupt gzip, a header whose checksum does not match, or an archive that ends before its
 * end-of-archive blocks is an error, never a shorter list. Understands ustar names with a prefix, pax `path`
 * records and GNU long names; directories, links and other entries are skipped.
 */
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;
const ZERO_BLOCK = Buffer.alloc(BLOCK);

export class TarError extends Error {}

/** Entry path (leading slashes removed) → contents. */
export function readTarGz(gz: Uint8Array): Map<string, Buffer> {
  let tar: Buffer;
  try {
    tar = gunzipSync(gz);
  } catch (cause) {
    throw new TarError(`not a complete gzip file (${(cause as Error).message})`, { cause });
  }
  const files = new Map<string, Buffer>();
  let nextName: string | undefined; // from a pax or GNU long-name entry, for the entry after it
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.equals(ZERO_BLOCK)) return files; // end of archive
    checkSum(header, offset);
    const size = octal(header.subarray(124, 136), offset);
    const start = offset + BLOCK;
    if (start + size > tar.length) throw new TarError(`entry at byte ${offset} runs past the end of the archive`);
    const data = tar.subarray(start, start + size);
    const type = String.fromCharCode(header[156] ?? 0);
    if (type === 'x') nextName = paxPath(data) ?? nextName;
    else if (type === 'L') nextName = text(data);
    else if (type === 'g') {
      // global pax header: nothing the bundle uses
    } else {
      if (type === '0' || type === '\0' || type === '7') {
        files.set((nextName ?? headerName(header)).replace(/^\/+/, ''), Buffer.from(data));
      }
      nextName = undefined;
    }
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  throw new TarError('the archive ends before its end-of-archive blocks (truncated)');
}

function headerName(header: Buffer): string {
  const name = text(header.subarray(0, 100));
  const ustar = text(header.subarray(257, 263)).startsWith('ustar');
  const prefix = ustar ? text(header.subarray(345, 500)) : '';
  return prefix ? `${prefix}/${name}` : name;
}

/** A NUL-terminated field. */
function text(field: Buffer): string {
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
}

function octal(field: Buffer, at: number): number {
  const digits = text(field).trim();
  if (!/^[0-7]+$/.test(digits)) throw new TarError(`header at byte ${at} has no valid size`);
  return Number.parseInt(digits, 8);
}

/** The header checksum: the sum of its bytes, the checksum field counted as spaces. */
function checkSum(header: Buffer, at: number): void {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  if (octal(header.subarray(148, 156), at) !== sum) throw new TarError(`header at byte ${at} fails its checksum`);
}

/** The `path` record of pax extended headers ("<length> path=<value>\n" records). */
function paxPath(data: Buffer): string | undefined {
  let path: string | undefined;
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    const length = Number.parseInt(data.subarray(offset, space).toString('utf8'), 10);
    if (space === -1 || !Number.isInteger(length) || length <= 0) throw new TarError('malformed pax header');
    const record = data.subarray(space + 1, offset + length - 1).toString('utf8');
    if (record.startsWith('path=')) path = record.slice('path='.length);
    offset += length;
  }
  return path;
}
