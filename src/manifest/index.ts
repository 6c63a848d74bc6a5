export {
  buildManifest,
  type FileContents,
  MANIFEST_FILE,
  MANIFEST_SCHEMA_ID,
  MANIFEST_VERSION,
  type Manifest,
  type ManifestEntry,
  type ManifestOptions,
  renderManifest,
  sha256Hex,
  withManifest,
} from './manifest.js';
export { readManifest, type Verification, verifyDir } from './verify.js';
