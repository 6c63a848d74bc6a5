/**
 * Headless Chromium from the system's packages (Debian: `apt-get install chromium`), driven by playwright-core
 * with `executablePath`: no browser is downloaded. UAR_CHROMIUM names another binary.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export function findChromium(env: Record<string, string | undefined> = process.env): string | null {
  if (env.UAR_CHROMIUM) return existsSync(env.UAR_CHROMIUM) ? env.UAR_CHROMIUM : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
    timeout: 60_000,
  });
}

/** Pages in a PDF printed by Chromium (each page object is `/Type /Page`, the tree `/Type /Pages`). */
export function pdfPageCount(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![a-z])/g) ?? []
  ).length;
}
