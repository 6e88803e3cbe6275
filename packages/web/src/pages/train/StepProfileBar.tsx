// Where a training step's time goes, as one bar: the library's step profile (KernelProfiler, the
// same figures `glassbox train --profile` prints) grouped for a learner — matrix multiplies,
// attention, GELU, layer norm, the loss, AdamW, the threads waiting for each other, the other
// kernels, and JavaScript between the kernel calls — each a segment as wide as its share of the
// step, named with its percentage.

import { BETWEEN_CALLS, type StepProfile, THREAD_WAITING } from '@glassbox/model/train';

const GROUPS: { name: string; colour: string; takes: (family: string) => boolean }[] = [
  { name: 'matrix multiply', colour: '#1f5fbf', takes: (f) => f.startsWith('matmul') },
  { name: 'attention', colour: '#d1495b', takes: (f) => f.startsWith('attention') },
  { name: 'GELU', colour: '#edae49', takes: (f) => f === 'GELU' },
  { name: 'layer norm', colour: '#66a182', takes: (f) => f === 'layernorm' },
  { name: 'softmax + loss', colour: '#8e6c8a', takes: (f) => f.startsWith('softmax') },
  { name: 'AdamW', colour: '#00798c', takes: (f) => f === 'AdamW' },
  { name: 'thread waiting', colour: '#f4a3a8', takes: (f) => f === THREAD_WAITING },
  { name: 'JavaScript between calls', colour: '#bbbbbb', takes: (f) => f === BETWEEN_CALLS },
  { name: 'other kernels', colour: '#6b7a8f', takes: () => true },
];

export function StepProfileBar({ profile }: { profile: StepProfile }) {
  const shares = new Map<string, number>();
  for (const r of profile.rows) {
    const g = GROUPS.find((x) => x.takes(r.family))!;
    shares.set(g.name, (shares.get(g.name) ?? 0) + r.share);
  }
  const parts = GROUPS.filter((g) => (shares.get(g.name) ?? 0) > 0).map((g) => ({
    ...g,
    share: shares.get(g.name)!,
  }));
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  return (
    <figure className="step-profile" data-testid="step-profile" data-step={profile.step}>
      <figcaption>
        Where step {profile.step}'s {profile.ms.toFixed(0)} ms went:
      </figcaption>
      <div className="step-profile-bar" role="img" aria-label="time per kernel family">
        {parts.map((p) => (
          <span
            key={p.name}
            title={`${p.name}: ${pct(p.share)}`}
            data-share={p.share}
            style={{ width: `${100 * p.share}%`, background: p.colour }}
          />
        ))}
      </div>
      <ul className="step-profile-legend">
        {parts.map((p) => (
          <li key={p.name}>
            <span style={{ background: p.colour }} /> {p.name} {pct(p.share)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
