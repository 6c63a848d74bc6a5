#!/usr/bin/env node
import { main } from '../dist/cli/main.js';
// The main job on the bundled example workspace, end to end over HTTP: start the local Segment look-alike,
// run `uar-check run` against it with the example identity/HR/review files, write out/demo/, print a summary.
import { loadWorkspace, startLookalike } from '../dist/lookalike/index.js';

// The built-in controls come precompiled (bundle/builtin.tar.gz): no OPA and no Go needed.
const token = `sgp_${'demo'.repeat(16)}`; // a fake Public API token the look-alike accepts
const lookalike = await startLookalike({
  workspace: await loadWorkspace('fixtures/example/segment-workspace.json'),
  token,
  maxSeconds: 300,
});
let code;
try {
  const argv = [
    'run',
    '--api-url',
    lookalike.url,
    '--config',
    'fixtures/example/uar-check.yaml',
    '--out-dir',
    'out/demo',
    '--now',
    '2026-11-28T00:00:00Z',
  ];
  process.stderr.write(`Local Segment look-alike at ${lookalike.url}\n$ uar-check ${argv.join(' ')}\n\n`);
  code = await main(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: { ...process.env, SEGMENT_PUBLIC_API_TOKEN: token },
    cwd: process.cwd(),
    stdin: process.stdin,
    isTTY: Boolean(process.stderr.isTTY),
  });
} finally {
  await lookalike.close();
}
const meaning = {
  0: 'no failing finding',
  1: 'findings at or above --fail-on (expected: the example is built to trigger every control)',
  2: 'the run failed',
};
process.stderr.write(
  `\nuar-check exited with ${code}: ${meaning[code] ?? 'unexpected'}. Outputs: out/demo/ ` +
    '(open out/demo/report.html; check the files with `npx uar-check verify out/demo`)\n',
);
process.exitCode = code === 2 ? 2 : 0;
