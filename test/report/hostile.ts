/** A review whose untrusted strings carry HTML and script: for the escaping tests (unit and browser). */
import type { Review } from '../../src/model/result.js';
import { makeReview } from './fixtures.js';

/** Strings an attacker controls (Segment names, IdP exports, policy messages, config) carrying HTML and script. */
export const HOSTILE = {
  workspace: 'Acme </title><script>window.pwned=1</script>',
  user: '<img src=x onerror="window.pwned=2">',
  message: '"><svg onload="window.pwned=3"></svg>',
  fact: "</dd><script>window.pwned=4</script>'",
  ticket: 'javascript:window.pwned=5',
  reason: '<a href="https://evil.example/">click</a>',
};

export function hostileReview(): Review {
  const review = makeReview();
  review.result.workspace = { ...review.result.workspace, name: HOSTILE.workspace };
  const user = review.document.users[0];
  if (user) user.name = HOSTILE.user;
  const failing = review.result.controls.find((c) => c.findings.length > 0);
  const f = failing?.findings[0];
  if (f) {
    f.message = HOSTILE.message;
    f.facts = { ...f.facts, note: HOSTILE.fact };
  }
  const excepted = review.result.controls.flatMap((c) => c.excepted)[0];
  if (excepted) excepted.exception = { ...excepted.exception, ticket: HOSTILE.ticket, reason: HOSTILE.reason };
  return review;
}
