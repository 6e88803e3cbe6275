// Writes docs/cli.md, the CLI reference, from the CLI's own help texts: every command and
// subcommand with its options as commander prints them. Run after a build:
//   node scripts/cli-reference.mjs > docs/cli.md
// A test (packages/cli/test/basics.test.ts) checks that the committed file is current.

import { buildProgram } from '../packages/cli/dist/program.js';

const out = [
  '# glassbox CLI reference',
  '',
  'Generated from the commands’ own `--help` by `node scripts/cli-reference.mjs > docs/cli.md`.',
  'From a checkout, `npm run glassbox -- <command>` runs the CLI (after `npm start` or `npm test` built it).',
  '',
];
function walk(cmd, path) {
  for (const sub of cmd.commands) {
    if (sub.name() === 'help') continue;
    sub.configureHelp({ helpWidth: 100 });
    const name = [...path, sub.name()].join(' ');
    out.push(
      `## glassbox ${name}`,
      '',
      '```text',
      sub.helpInformation({ error: false }).trimEnd(),
      '```',
      '',
    );
    walk(sub, [...path, sub.name()]);
  }
}
const program = buildProgram();
walk(program, []);
process.stdout.write(out.join('\n'));
