// Text the model wrote at each evaluation (same prompt and seed every time), newest first, so
// the learner sees noise turn into words as the loss falls. Long runs show the latest few and
// the one from before training.

export function Samples({ samples }: { samples: { step: number; text: string }[] }) {
  if (samples.length === 0) return null;
  return (
    <section aria-labelledby="samples-title">
      <h2 id="samples-title">Samples as it learns</h2>
      <ol className="samples" data-testid="samples">
        {shown(samples).map((s) => (
          <li key={s.step}>
            <span className="muted">step {s.step}</span>
            <pre>{s.text}</pre>
          </li>
        ))}
      </ol>
    </section>
  );
}

const LATEST = 6;

function shown(samples: { step: number; text: string }[]) {
  const latest = samples.slice(-LATEST).reverse();
  return samples.length > LATEST ? [...latest, samples[0]] : latest;
}
