// The Autocomplete page: an LLM is autocomplete. Given the text so far, the model gives every
// token in its vocabulary a probability of coming next; one is chosen, appended, and the model
// is asked again. Temperature, top-k and top-p shape how the choice is made.

import { AutocompleteWidget } from '../../components/AutocompleteWidget';
import '../../components/explorer.css';
import { useModel } from '../../components/model-hooks';

export default function AutocompletePage() {
  const model = useModel('main');
  return (
    <section>
      <h1>Autocomplete</h1>
      <p>
        A language model does one thing: given the text so far, it gives every token of its vocabulary a
        probability of coming next. Writing is that, repeated — choose a token, append it, ask again. The bars
        show the most likely next tokens; the blue bar is the model's probability p, and −ln p is the loss it
        would take if that token were the true one.
      </p>
      <p className="muted">
        Temperature divides the model's scores before the softmax: below 1 the likely tokens get likelier (0
        always takes the top one), above 1 the choice flattens out. The red bars show the distribution the
        sampler draws from — watch them move with the slider.
      </p>
      {model && (
        <p className="muted" data-testid="model-line" data-step={model.step}>
          Model: {model.source} — {model.parameters.toLocaleString('en-US')} parameters (
          {((model.parameters * 4) / 2 ** 20).toFixed(0)} MiB of float32 weights
          {model.loaded &&
            `, loaded in ${model.loaded.seconds.toFixed(1)} s from a ${model.loaded.fileMiB.toFixed(0)} MiB ${model.loaded.dtypes} file`}
          ) on {model.threads === 1 ? '1 thread' : `${model.threads} threads`}, step {model.step}.
        </p>
      )}
      <AutocompleteWidget slot="main" initialPrompt="the cat " />
    </section>
  );
}
