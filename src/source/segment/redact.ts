/** Remove a secret (and any bearer credential) from text that may end up in an error, log or file. */
export function redact(text: string, token: string): string {
  let out = text.replace(/(bearer\s+)[^\s"',;]+/gi, '$1[REDACTED]');
  if (token.length >= 4) out = out.split(token).join('[REDACTED]');
  return out.replace(/sgp_[A-Za-z0-9]{8,}/g, 'sgp_[REDACTED]');
}
