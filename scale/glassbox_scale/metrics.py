"""metrics.jsonl as glassbox writes it (packages/model/src/run/metrics.ts, cli/src/train/metrics-log.ts).

One JSON object per step: {step, loss, lr, tokens_per_s, elapsed_s}; at an evaluation instead
{step, loss, lr, tokens_per_s, elapsed_s, train_loss, val_loss} (only {step, elapsed_s, train_loss,
val_loss} at step 0), plus val_loss_full, the loss over the whole validation split, at the last
step. Absent values are left out, as JSON.stringify leaves out undefined. A resumed run first
drops the lines past its checkpoint's step; a new run starts it afresh. Only rank 0 writes. tokens_per_s counts every rank's.
"""

import json
import os

from .jsjson import stringify


class MetricsLog:
    def __init__(self, path: str, keep_through_step: int | None):
        """keep_through_step: a resumed run's step (later lines go); None starts the file afresh."""
        self.path = path
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                lines = [line for line in f if line.strip()]
            kept = [] if keep_through_step is None else [line for line in lines if json.loads(line)["step"] <= keep_through_step]
            tmp = f"{path}.tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                f.writelines(kept)
            os.replace(tmp, path)

    def append(self, record: dict):
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(stringify({k: v for k, v in record.items() if v is not None}) + "\n")
