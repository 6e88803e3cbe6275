// Child process of the tokenizer benchmark: trains a byte-level BPE on one file and prints
// { trainMs, peakMiB } as JSON, so the parent can time a whole cold process (as spm_train is
// timed) and read this process's own peak memory. Usage: node tokenizer-train-child.js FILE VOCAB

import { readFileSync } from 'node:fs';
import { trainBpe } from '@glassbox/model/tokenizer';

const [file, vocab] = process.argv.slice(2);
const t0 = performance.now();
const text = readFileSync(file, 'utf8');
trainBpe({ texts: [text], vocabSize: Number(vocab) });
const trainMs = performance.now() - t0;
console.log(JSON.stringify({ trainMs, peakMiB: process.resourceUsage().maxRSS / 1024 }));
