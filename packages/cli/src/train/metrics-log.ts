// metrics.jsonl: one JSON object per logged step ({ step, loss, lr, tokens_per_s, elapsed_s,
// val_loss when evaluated }). Append-only; a resumed run first drops the lines past its
// checkpoint's step, so the file never shows steps twice.

import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '@glassbox/model/node';

export class MetricsLog {
  private constructor(readonly path: string) {}

  static async open(path: string, keepThroughStep?: number): Promise<MetricsLog> {
    if (existsSync(path)) {
      const kept =
        keepThroughStep === undefined
          ? []
          : readFileSync(path, 'utf8')
              .split('\n')
              .filter(
                (line) => line.trim() && (JSON.parse(line) as { step: number }).step <= keepThroughStep,
              );
      await writeFileAtomic(path, kept.map((l) => `${l}\n`).join(''));
    }
    return new MetricsLog(path);
  }

  append(record: Record<string, number | undefined>): void {
    appendFileSync(this.path, `${JSON.stringify(record)}\n`);
  }
}
