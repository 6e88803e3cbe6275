// The tour's fine-tuning step. Fine-tuning lands with its own page (issue: fine-tuning, branch
// `finetune`); until then this slot shows what fine-tuning changes: the base model asked a
// question just continues the text in the style of its corpus. Replace the body of this
// component with the fine-tuned model's widget when it lands.

import { AutocompleteWidget } from '../../components/AutocompleteWidget';

export function FineTuneSlot() {
  return (
    <div className="stack" data-testid="finetune-slot">
      <p className="notice">
        Fine-tuning is coming to this explorer. Until then, here is the base model given a question: it does
        not answer, it continues — because all it learned is what text like its corpus looks like.
      </p>
      <AutocompleteWidget slot="tour" initialPrompt="what does the cat eat ? " />
    </div>
  );
}
