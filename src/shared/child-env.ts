/**
 * The environment of the processes uar-check starts (opa, go, git): the caller's, without the Segment token.
 * Only uar-check itself reads the token; a tool it runs never needs it, so none can leak or log it.
 */
const TOKEN_VARIABLES = ['SEGMENT_PUBLIC_API_TOKEN'];

export function childEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const name of TOKEN_VARIABLES) delete out[name];
  return out;
}
