// The tour's story, in the explainer's order: autocomplete, tokens and ids, embeddings,
// pretraining, loss, the base model, fine-tuning. Each step is a short text and a live widget
// running on the tour's own small model.

import type { ReactNode } from 'react';
import { AutocompleteWidget } from '../../components/AutocompleteWidget';
import { LossWidget } from '../../components/LossWidget';
import { TokensWidget } from '../../components/TokensWidget';
import { WorkedExample } from '../loss/WorkedExample';
import { EmbeddingsStep } from './EmbeddingsStep';
import { FineTuneSlot } from './FineTuneSlot';
import { PretrainStep } from './PretrainStep';

export interface TourStep {
  id: string;
  title: string;
  text: ReactNode;
  widget: () => ReactNode;
}

export const STEPS: TourStep[] = [
  {
    id: 'autocomplete',
    title: '1. An LLM is autocomplete',
    text: 'Given the text so far, the model gives every token it knows a probability of coming next. Pick one, append it, ask again: that is all writing is. The tour model below has been training in your browser since you opened this page, on a toy corpus of short sentences.',
    widget: () => <AutocompleteWidget slot="tour" initialPrompt="the cat sleeps on the " />,
  },
  {
    id: 'tokens',
    title: '2. Tokens and ids',
    text: 'The model never sees letters or words, only numbers. A tokenizer cuts text into tokens — here whole words, spaces and punctuation; in real models, pieces of words — and each token has an id.',
    widget: () => <TokensWidget slot="tour" initialText="the dog chased the ball in the garden" />,
  },
  {
    id: 'embeddings',
    title: '3. Embeddings',
    text: 'Each id selects a row of numbers, its embedding. They start random; training moves tokens used in the same places towards each other. In the toy corpus cat and dog fill exactly the same slots, banana never does — compare their similarity. (Real models use hundreds or thousands of numbers per token; this one 48.)',
    widget: () => <EmbeddingsStep />,
  },
  {
    id: 'pretraining',
    title: '4. Pretraining',
    text: 'Training shows the model windows of text and, at every position, nudges all its numbers so that the true next token gets a little more probability. Nobody labels anything: the text itself is the answer key. Real pretraining does this over trillions of tokens of curated, deduplicated web text.',
    widget: () => <PretrainStep />,
  },
  {
    id: 'loss',
    title: '5. Loss',
    text: 'How wrong was a prediction? loss = −ln p(true next token). Falling loss means the model gives the true tokens more probability.',
    widget: () => (
      <>
        <WorkedExample />
        <LossWidget slot="tour" />
      </>
    ),
  },
  {
    id: 'base-model',
    title: '6. The base model',
    text: 'What pretraining leaves is a base model: a machine that continues text in the style of what it read. Let it write — stream a few dozen tokens and raise the temperature to see it get adventurous.',
    widget: () => <AutocompleteWidget slot="tour" initialPrompt="the queen " />,
  },
  {
    id: 'fine-tuning',
    title: '7. Fine-tuning',
    text: 'A base model continues; an assistant answers. Fine-tuning trains the base model further on examples of questions and good answers, so that continuing a question means answering it.',
    widget: () => <FineTuneSlot />,
  },
];
