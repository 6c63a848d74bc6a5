/** Shared setup for tests that run the real OPA: the binary, the WASM capabilities file and the document schema. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wasmCapabilitiesFile } from '../../src/engine/capabilities.js';
import { findOpa, type OpaBinary } from '../../src/engine/opa-binary.js';
import { documentJsonSchema } from '../../src/model/document.js';

export interface OpaSetup {
  opa: OpaBinary;
  dir: string;
  capabilitiesFile: string;
  schemaFile: string;
}

export async function opaSetup(): Promise<OpaSetup> {
  const opa = await findOpa();
  const dir = await mkdtemp(join(tmpdir(), 'uar-authoring-'));
  const capabilitiesFile = await wasmCapabilitiesFile(opa, dir);
  const schemaFile = join(dir, 'document.schema.json');
  await writeFile(schemaFile, JSON.stringify(documentJsonSchema()));
  return { opa, dir, capabilitiesFile, schemaFile };
}
