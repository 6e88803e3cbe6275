// The tour's fine-tuning step: first the tour's base model given a question — it does not answer,
// it continues, because all it learned is what text like its corpus looks like — then, started by
// itself, a small fine-tune of that same model answering the same question before and after
// (TourFinetune, about a second once the model has trained), and last, for those with a minute,
// the Fine-tune page's one-click widget at a larger scale (pages/finetune/FinetuneStep.tsx).

import { AutocompleteWidget } from '../../components/AutocompleteWidget';
import { FinetuneStep } from '../finetune/FinetuneStep';
import { TourFinetune } from './TourFinetune';

export function FineTuneSlot() {
  return (
    <div className="stack" data-testid="finetune-slot">
      <p className="notice">
        Here is the tour's base model given a question: it does not answer, it continues — all it learned is
        what text like its corpus looks like.
      </p>
      <AutocompleteWidget slot="tour" initialPrompt="what does the cat eat ? " />
      <p>
        Fine-tuning fixes that. Below, a copy of the same model trains a little further on four short
        questions with their answers (only the answers carry a loss, and each ends with an end-of-reply
        token), and then the base and the fine-tuned copy are asked the same question.
      </p>
      <TourFinetune />
      <p>
        The same at a larger scale, in about a minute: a tiny model pretrained on the Brown corpus right here,
        fine-tuned on a couple of thousand short questions with their answers, and asked questions it never
        saw.
      </p>
      <FinetuneStep />
    </div>
  );
}
