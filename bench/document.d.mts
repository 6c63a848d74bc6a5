/** Types of bench/document.mjs (plain JavaScript, so the benchmark runs without a build of its own). */
import type { AccessDocument } from '../src/model/document.js';

export function benchDocument(users: number, now: Date, options?: { timeNs?: boolean }): AccessDocument;
