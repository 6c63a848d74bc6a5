import { describe, expect, it } from 'vitest';
import { findOpa, PINNED_OPA_VERSION } from '../../src/engine/index.js';
import { ToolError } from '../../src/errors.js';

describe('findOpa', () => {
  it('finds the pinned OPA (built once by `go tool`, then cached)', async () => {
    const opa = await findOpa({ ...process.env, UAR_OPA: undefined });
    expect(opa.version).toBe(PINNED_OPA_VERSION);
  });

  it('UAR_OPA wins and is checked', async () => {
    const pinned = await findOpa({ ...process.env, UAR_OPA: undefined });
    await expect(findOpa({ UAR_OPA: pinned.path })).resolves.toEqual({
      path: pinned.path,
      version: PINNED_OPA_VERSION,
    });
    const error = await findOpa({ UAR_OPA: '/nonexistent/opa' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolError);
    expect((error as Error).message).toMatch(/cannot run OPA from UAR_OPA \(\/nonexistent\/opa\)/);
  });
});
