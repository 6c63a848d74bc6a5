/**
 * A reader of workflow commands that behaves like GitHub's runner (actions/runner, ActionCommandManager and
 * ActionCommand.TryParseV2/TryParse), for tests that check what a step's log would make the runner do:
 * - the log is split into lines at CR, LF and CRLF (.NET's line reader);
 * - `::name props::data`: after leading spaces a line starts with `::`, the name runs to the first space or the
 *   next `::`, properties are `k=v` separated by commas; `##[name props]data`: anywhere in a line, properties
 *   separated by semicolons; either is a command only when the name is a registered one (any case);
 * - `::stop-commands::TOKEN` ignores every command until one named TOKEN (`::TOKEN::` or `##[TOKEN]`).
 */

const REGISTERED = [
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'internal-set-repo-path',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'stop-commands',
  'warning',
];

export interface WorkflowCommand {
  name: string;
  properties: Record<string, string>;
  data: string;
  /** The log line it came from. */
  line: string;
}

export interface CommandLog {
  /** Every command the runner would obey, stop-commands and its resume included. */
  all: WorkflowCommand[];
  /** Values registered by `add-mask`. */
  masks: string[];
  /** Outputs set by `set-output` lines. */
  outputs: Record<string, string>;
  /** Commands seen while processing was stopped (shown, not obeyed). */
  ignored: WorkflowCommand[];
  /** Processing is still stopped at the end of the log. */
  stopped: boolean;
}

const unescapeData = (s: string) => s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/gi, '%');
const unescapeProperty = (s: string) =>
  unescapeData(s).replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%25/gi, '%');

function properties(text: string, separator: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(separator).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq > 0 && eq < part.length - 1) out[part.slice(0, eq)] = unescapeProperty(part.slice(eq + 1));
  }
  return out;
}

function parseV2(line: string, registered: Set<string>): WorkflowCommand | undefined {
  const message = line.trimStart();
  if (!message.startsWith('::')) return undefined;
  const end = message.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!registered.has(name.toLowerCase())) return undefined;
  const props = space > 0 ? properties(info.slice(space + 1).trim(), ',') : {};
  return { name, properties: props, data: unescapeData(message.slice(end + 2)), line };
}

function parseV1(line: string, registered: Set<string>): WorkflowCommand | undefined {
  const prefix = line.indexOf('##[');
  if (prefix < 0) return undefined;
  const bracket = line.indexOf(']', prefix);
  if (bracket < 0) return undefined;
  const info = line.slice(prefix + 3, bracket);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!registered.has(name.toLowerCase())) return undefined;
  const props = space > 0 ? properties(info.slice(space + 1), ';') : {};
  return { name, properties: props, data: unescapeData(line.slice(bracket + 1)), line };
}

export function parseCommands(log: string): CommandLog {
  const registered = new Set(REGISTERED);
  const result: CommandLog = { all: [], masks: [], outputs: {}, ignored: [], stopped: false };
  let stopToken: string | undefined;
  for (const line of log.split(/\r\n|\r|\n/)) {
    if (line === '') continue;
    const command = parseV2(line, registered) ?? parseV1(line, registered);
    if (!command) continue;
    const name = command.name.toLowerCase();
    if (stopToken !== undefined) {
      if (name === stopToken) {
        registered.delete(stopToken);
        stopToken = undefined;
        result.all.push(command);
      } else {
        result.ignored.push(command);
      }
      continue;
    }
    result.all.push(command);
    if (name === 'stop-commands' && command.data !== '') {
      stopToken = command.data.toLowerCase();
      registered.add(stopToken);
    } else if (name === 'add-mask') {
      result.masks.push(command.data);
    } else if (name === 'set-output' && command.properties.name) {
      result.outputs[command.properties.name] = command.data;
    }
  }
  result.stopped = stopToken !== undefined;
  return result;
}
