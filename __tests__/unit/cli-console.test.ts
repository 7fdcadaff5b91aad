import { PassThrough } from 'node:stream';
import { CliConsole, formatTable } from '../../src/cli/console.js';

function io(isTTY: boolean) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const console = new CliConsole({
    stdout,
    stderr,
    stdin: new PassThrough(),
    env: {},
    cwd: '/',
    isTTY,
  });
  const text = (s: PassThrough): string => s.read()?.toString() ?? '';
  return { console, out: () => text(stdout), err: () => text(stderr) };
}

test('every secret the sink was told of is *** on stderr and stdout, the longest first', () => {
  const { console, out, err } = io(false);
  console.secret('pass');
  console.secret('password-long');
  console.line('login with password-long and pass');
  console.logger.warning('pass again');
  console.stdout('{"x":"pass"}');
  expect(err()).toBe('login with *** and ***\nwarning: *** again\n');
  expect(out()).toBe('{"x":"***"}');
});

test('on a terminal, progress is one line redrawn in place and erased before other output', () => {
  const { console, err } = io(true);
  console.progress('a', () => 'a: 1 MiB of 2 MiB uploaded');
  console.line('a log line');
  console.endProgress();
  expect(err()).toBe(
    'a: 1 MiB of 2 MiB uploaded\r\x1b[2Ka log line\na: 1 MiB of 2 MiB uploaded\r\x1b[2K',
  );
});

test('without a terminal, progress goes by the 5 s throttle (quiet at first), never in place; debug lines only when verbose', () => {
  const { console, err } = io(false);
  console.progress('a', () => 'a: progress');
  console.logger.debug('hidden');
  console.line('shown');
  console.endProgress();
  expect(err()).toBe('shown\n');
});

test('the results table pads every column but the last, and a multi-line cell takes rows', () => {
  expect(
    formatTable(['registry', 'status', 'refs'], [['a.io/x', 'pushed', 'a.io/x:1\na.io/x:latest']]),
  ).toBe('registry  status  refs\na.io/x    pushed  a.io/x:1\n                  a.io/x:latest');
});
