// The fine-tuning loss curve as an SVG line chart: the training loss of every step (thin) and the
// validation reply loss at each evaluation (dots joined by a thicker line). Axes are labelled with
// the step range and the loss range; nothing else, so it stays readable when small. curve.ts grows
// the curve from the job's progress events while it runs.

import type { CurvePoint } from '../../worker/protocol/finetune';

const W = 560;
const H = 200;
const PAD = { left: 44, right: 12, top: 10, bottom: 26 };

export function LossChart({ points, total }: { points: CurvePoint[]; total?: number }) {
  if (points.length === 0) return <p className="muted">The loss curve appears here once training starts.</p>;
  const maxStep = Math.max(total ?? 0, ...points.map((p) => p.step), 1);
  const losses = points.flatMap((p) => (p.val === undefined ? [p.loss] : [p.loss, p.val]));
  const [lo, hi] = [Math.min(...losses), Math.max(...losses)];
  const span = hi - lo || 1;
  const x = (step: number) => PAD.left + (step / maxStep) * (W - PAD.left - PAD.right);
  const y = (loss: number) => PAD.top + ((hi - loss) / span) * (H - PAD.top - PAD.bottom);
  const train = points
    .filter((p) => p.step > 0)
    .map((p) => `${x(p.step).toFixed(1)},${y(p.loss).toFixed(1)}`);
  const vals = points.filter((p) => p.val !== undefined) as Required<CurvePoint>[];
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="ft-chart"
      role="img"
      aria-label={`loss curve over ${points.length} points`}
      data-testid="finetune-loss-chart"
    >
      <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} stroke="#9aa3b2" />
      <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} stroke="#9aa3b2" />
      <text x={PAD.left - 4} y={PAD.top + 8} textAnchor="end" fontSize="11">
        {hi.toFixed(2)}
      </text>
      <text x={PAD.left - 4} y={H - PAD.bottom} textAnchor="end" fontSize="11">
        {lo.toFixed(2)}
      </text>
      <text x={PAD.left} y={H - 8} fontSize="11">
        step 0
      </text>
      <text x={W - PAD.right} y={H - 8} textAnchor="end" fontSize="11">
        {maxStep}
      </text>
      <polyline points={train.join(' ')} fill="none" stroke="#8fb4ff" strokeWidth="1" />
      <polyline
        points={vals.map((p) => `${x(p.step).toFixed(1)},${y(p.val).toFixed(1)}`).join(' ')}
        fill="none"
        stroke="#d0542c"
        strokeWidth="2"
      />
      {vals.map((p) => (
        <circle key={p.step} cx={x(p.step)} cy={y(p.val)} r="3" fill="#d0542c">
          <title>{`step ${p.step}: validation loss ${p.val.toFixed(3)}`}</title>
        </circle>
      ))}
    </svg>
  );
}

export function ChartLegend() {
  return (
    <p className="muted ft-legend">
      <span style={{ color: '#8fb4ff' }}>━</span> training loss (each step's batch) ·{' '}
      <span style={{ color: '#d0542c' }}>●</span> validation loss on the replies of held-out examples
    </p>
  );
}
