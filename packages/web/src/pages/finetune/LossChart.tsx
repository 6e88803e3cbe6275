// The fine-tuning loss curve: the training loss of every step (thin) and the validation reply
// loss at each evaluation (dots joined by a thicker line), on the explorer's LineChart. curve.ts
// grows the curve from the job's progress events while it runs.

import { LineChart } from '../../components/LineChart';
import type { CurvePoint } from '../../worker/protocol/finetune';

export function LossChart({ points, total }: { points: CurvePoint[]; total?: number }) {
  if (points.length === 0) return <p className="muted">The loss curve appears here once training starts.</p>;
  const train = points.filter((p) => p.step > 0).map((p) => ({ x: p.step, y: p.loss }));
  const val = points.flatMap((p) => (p.val === undefined ? [] : [{ x: p.step, y: p.val }]));
  return (
    <LineChart
      series={[
        { label: "training loss (each step's batch)", colour: '#8fb4ff', points: train },
        {
          label: 'validation loss on held-out replies',
          colour: '#d0542c',
          width: 2,
          dots: true,
          points: val,
        },
      ]}
      xLabel="step"
      yLabel="loss (nats)"
      label={`loss curve over ${points.length} points`}
      points={points.length}
      height={220}
      xMax={total}
      testId="finetune-loss-chart"
    />
  );
}
