// metrics.jsonl on disk (the format is the library's, run/metrics.ts): append-only; a resumed run
// first keeps only the lines through its checkpoint's step, so the file never shows steps twice.

import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '@glassbox/model/node';
import type { MetricsRecord } from '@glassbox/model/run';
import { metricsThrough } from '@glassbox/model/run';

export class MetricsLog {
  private constructor(readonly path: string) {}

  /** Opens the log; `keepThroughStep` set (a resume) drops later lines, unset starts it afresh. */
  static async open(path: string, keepThroughStep?: number): Promise<MetricsLog> {
    if (existsSync(path)) {
      const kept =
        keepThroughStep === undefined
          ? ''
          : metricsThrough(readFileSync(path, 'utf8'), keepThroughStep, path);
      await writeFileAtomic(path, kept);
    }
    return new MetricsLog(path);
  }

  append(record: MetricsRecord | undefined): void {
    if (record) appendFileSync(this.path, `${JSON.stringify(record)}\n`);
  }
}
