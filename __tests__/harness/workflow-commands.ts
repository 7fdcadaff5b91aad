/**
 * The workflow commands a GitHub runner would carry out from a step's output, found as the
 * runner finds them (actions/runner `ActionCommand.cs` and `ActionCommandManager.cs`): per
 * line, `::name props::data` once leading whitespace is trimmed, else `##[name props]data`
 * anywhere in the line; only registered command names count, case-insensitively; and after
 * `::stop-commands::TOKEN` nothing counts until a `::TOKEN::` line. Tests use it to prove
 * that nothing a registry says becomes a command.
 */
export interface WorkflowCommand {
  name: string;
  properties: Record<string, string>;
  data: string;
  line: string;
}

/** The runner's registered commands (its command extensions, and `stop-commands`). */
const REGISTERED = new Set([
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'stop-commands',
  'warning',
]);

export function runnerCommands(output: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  let stopToken: string | undefined;
  for (const line of output.split(/\r\n|\r|\n/)) {
    // While stopped, the token is one more registered name, and only it does anything.
    const registered = stopToken === undefined ? REGISTERED : new Set([...REGISTERED, stopToken]);
    const command = parseV2(line, registered) ?? parseV1(line, registered);
    if (!command) continue;
    if (stopToken !== undefined) {
      if (command.name === stopToken) stopToken = undefined;
      continue;
    }
    if (command.name === 'stop-commands') {
      stopToken = command.data.toLowerCase();
      continue;
    }
    commands.push(command);
  }
  return commands;
}

function parseV2(line: string, registered: Set<string>): WorkflowCommand | undefined {
  const message = line.trimStart();
  if (!message.startsWith('::')) return undefined;
  const end = message.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const name = (space < 0 ? info : info.slice(0, space)).toLowerCase();
  if (!registered.has(name)) return undefined;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const pair of info
      .slice(space + 1)
      .trim()
      .split(',')
      .filter(Boolean)) {
      const [key, value] = pair.split(/=(.*)/s);
      if (key && value) properties[key] = value;
    }
  }
  return { name, properties, data: message.slice(end + 2), line };
}

function parseV1(line: string, registered: Set<string>): WorkflowCommand | undefined {
  const start = line.indexOf('##[');
  if (start < 0) return undefined;
  const close = line.indexOf(']', start);
  if (close < 0) return undefined;
  const info = line.slice(start + 3, close);
  const space = info.indexOf(' ');
  const name = (space < 0 ? info : info.slice(0, space)).toLowerCase();
  if (!registered.has(name)) return undefined;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const pair of info
      .slice(space + 1)
      .split(';')
      .filter(Boolean)) {
      const [key, value] = pair.split(/=(.*)/s);
      if (key && value) properties[key] = value;
    }
  }
  return { name, properties, data: line.slice(close + 1), line };
}
