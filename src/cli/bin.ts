#!/usr/bin/env node
import { main } from './main.js';

// The CLI reads the token from its own copy of the environment; the one the processes it starts (opa, go, git)
// inherit no longer holds it (src/shared/child-env.ts also removes it wherever one is started).
const env = { ...process.env };
delete process.env.SEGMENT_PUBLIC_API_TOKEN;

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env,
  cwd: process.cwd(),
  stdin: process.stdin,
  isTTY: Boolean(process.stderr.isTTY),
});
