// Module hooks (registered by ts-hooks.mjs): `.ts` files are loaded as ES modules with their types stripped
// (rolldown's transform, which vite already brings), and a `./x.js` import from a `.ts` file finds `./x.ts`
// when there is no `./x.js`, as TypeScript resolves it.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    const fromTs = context.parentURL?.endsWith('.ts') && specifier.startsWith('.') && specifier.endsWith('.js');
    if (!fromTs || error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return next(`${specifier.slice(0, -3)}.ts`, context);
  }
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const { transformSync } = await import('rolldown/utils');
  const file = fileURLToPath(url);
  const { code, errors } = transformSync(file, await readFile(file, 'utf8'), { lang: 'ts' });
  if (errors.length > 0) throw new Error(`${file}: ${errors[0].message}`);
  return { format: 'module', source: code, shortCircuit: true };
}
