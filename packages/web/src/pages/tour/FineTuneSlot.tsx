// The tour's fine-tuning step: first the tour's base model given a question — it does not answer,
// it continues, because all it learned is what text like its corpus looks like — then the
// Fine-tune page's one-click widget: a tiny model pretrained in the browser and fine-tuned on the
// built-in instructions, answering side by side with its base (pages/finetune/FinetuneStep.tsx).

import { AutocompleteWidget } from '../../components/AutocompleteWidget';
import { FinetuneStep } from '../finetune/FinetuneStep';

export function FineTuneSlot() {
  return (
    <div className="stack" data-testid="finetune-slot">
      <p className="notice">
        Here is the tour's base model given a question: it does not answer, it continues — all it learned is
        what text like its corpus looks like.
      </p>
      <AutocompleteWidget slot="tour" initialPrompt="what does the cat eat ? " />
      <p>
        Fine-tuning fixes that. The button below pretrains a tiny model on the Brown corpus right here, then
        trains it further on a couple of thousand short questions with their answers (only the answers carry a
        loss), and asks the base and the fine-tuned model the same held-out questions.
      </p>
      <FinetuneStep />
    </div>
  );
}
