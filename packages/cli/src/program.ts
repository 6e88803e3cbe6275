// The glassbox command line as a commander program: every command registered, nothing run.
// main.ts runs it; scripts/cli-reference.mjs prints its help into docs/cli.md.

import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerBench } from './commands/bench.js';
import { registerChat } from './commands/chat.js';
import { registerCompare } from './commands/compare.js';
import { registerData } from './commands/data.js';
import { registerDemo } from './commands/demo.js';
import { registerEmbed } from './commands/embed.js';
import { registerFinetune } from './commands/finetune.js';
import { registerGenerate } from './commands/generate.js';
import { registerInspect } from './commands/inspect.js';
import { registerSelfCheck } from './commands/selfcheck.js';
import { registerTokenize } from './commands/tokenize.js';
import { registerTokenizer } from './commands/tokenizer.js';
import { registerTrain } from './commands/train.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export function buildProgram(): Command {
  const program = new Command()
    .name('glassbox')
    .description('See how a large language model works by running one.')
    .version(pkg.version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerDemo(program);
  registerTrain(program);
  registerGenerate(program);
  registerInspect(program);
  registerFinetune(program);
  registerCompare(program);
  registerChat(program);
  registerSelfCheck(program);
  registerBench(program);
  registerData(program);
  registerTokenizer(program);
  registerTokenize(program);
  registerEmbed(program);
  return program;
}
