import { auditCommand, auditHelp } from './commands/audit';
import { compileCommand, compileHelp } from './commands/compile';
import { explainCommand, explainHelp } from './commands/explain';
import { diffCommand, diffHelp } from './commands/diff';
import { doctorCommand, doctorHelp } from './commands/doctor';
import { previewTokenCommand, previewTokenHelp } from './commands/preview-token';
import { reportCommand, reportHelp } from './commands/report';
import { testCommand, testHelp } from './commands/test';
import { validateCommand, validateHelp } from './commands/validate';
import { ExitCode, UsageError, type CliIO } from './io';

type Command = (args: readonly string[], io: CliIO) => ExitCode | Promise<ExitCode>;

const commands: Record<string, { run: Command; help: string; summary: string }> = {
  validate: { run: validateCommand, help: validateHelp, summary: 'check rule files and print the rule set version' },
  explain: { run: explainCommand, help: explainHelp, summary: 'show which notices one visitor gets, and why' },
  test: { run: testCommand, help: testHelp, summary: 'run the "tests:" cases of the rules and measure their coverage' },
  report: { run: reportCommand, help: reportHelp, summary: 'write a self-contained HTML report for auditors' },
  compile: { run: compileCommand, help: compileHelp, summary: 'write the rules as one JSON file for edge runtimes' },
  diff: { run: diffCommand, help: diffHelp, summary: 'compare two rule sets by what visitors see' },
  audit: { run: auditCommand, help: auditHelp, summary: 'summarise audit logs and verify their chains' },
  'preview-token': {
    run: previewTokenCommand,
    help: previewTokenHelp,
    summary: 'print a signed token to preview a page as another visitor',
  },
  doctor: {
    run: doctorCommand,
    help: doctorHelp,
    summary: 'check a live page, through its CDN or cache, as visitors from two places',
  },
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    'Usage: geonotice <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    'Run "geonotice <command> --help" for a command\'s options.',
  ].join('\n');
}

/**
 * The whole CLI as a function: arguments in, exit code out. Only bin.ts touches the process, so
 * tests can run commands in-process and the exit code stays the single source of truth.
 */
export async function run(args: readonly string[], io: CliIO): Promise<ExitCode> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(mainHelp());
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(packageVersion());
    return ExitCode.ok;
  }
  const command = commands[name];
  if (command === undefined) {
    io.stderr(`geonotice: unknown command "${name}"\n\n${mainHelp()}`);
    return ExitCode.usage;
  }
  // Every command's --help is answered here, whatever else is on the line, so each command's
  // own parsing only deals with its real options.
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.help);
    return ExitCode.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`geonotice ${name}: ${error.message}\n\n${command.help}`);
      return ExitCode.usage;
    }
    throw error;
  }
}

function packageVersion(): string {
  // Read at call time: the package.json sits two levels above both src/cli and dist/cli.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../package.json') as { version: string }).version;
}
