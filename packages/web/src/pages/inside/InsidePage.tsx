// The Inside page: what the model computes on a prompt — the attention maps of every layer and
// head, and the embedding each input token starts as (linked to the Embeddings page).

import '../../components/explorer.css';
import { InsideWidget } from '../../components/InsideWidget';

export default function InsidePage() {
  return (
    <section>
      <h1>Inside</h1>
      <p>
        In each layer, every position looks back at the positions before it and takes a weighted mix of what
        it finds: that is attention. Each head has its own weights; the map shows them, one row per position,
        and each row adds up to 1. Positions never look ahead — the future is masked, which is what lets the
        model learn to predict it.
      </p>
      <InsideWidget slot="main" initialPrompt="the cat sleeps on the sofa" />
    </section>
  );
}
