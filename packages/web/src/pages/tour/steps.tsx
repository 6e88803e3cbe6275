// The tour's story, in the explainer's order and with its examples: autocomplete, tokens and ids,
// embeddings (the 2-D map from random to trained), how embeddings are learned (the missing word),
// curated data, loss (pond vs mat), the base model, fine-tuning. Each step is a short text and a
// live widget running on the tour's own small models (a GPT on the tour corpus, word2vec for the map).

import type { ReactNode } from 'react';
import { AutocompleteWidget } from '../../components/AutocompleteWidget';
import { TokensWidget } from '../../components/TokensWidget';
import { WorkedExample } from '../loss/WorkedExample';
import { BpeSplit } from './BpeSplit';
import { CurationStep } from './CurationStep';
import { EmbeddingMapStep } from './EmbeddingMapStep';
import { FineTuneSlot } from './FineTuneSlot';
import { MissingWordStep } from './MissingWordStep';
import { PondOrMat } from './PondOrMat';
import { PretrainStep } from './PretrainStep';
import { STEP_LIST } from './step-list';

export interface TourStep {
  id: string;
  title: string;
  text: ReactNode;
  widget: () => ReactNode;
}

/** GPT-2 small's embedding size: the real count the embeddings step quotes. */
const GPT2_DIMS = 768;

const BODIES: Record<string, Pick<TourStep, 'text' | 'widget'>> = {
  autocomplete: {
    text: 'Given the text so far, the model gives every token it knows a probability of coming next. Pick one, append it, ask again: one token at a time, that loop is all writing is. Press “Sample one token” (or click a row) to watch the loop. The tour model has been training in your browser since you opened this page.',
    widget: () => <AutocompleteWidget slot="tour" initialPrompt="the cat sat on the " />,
  },
  tokens: {
    text: 'The model never sees letters, only numbers. A tokenizer cuts text into tokens and gives each an id: the tour model uses whole words (try your own words). Real models use sub-word pieces, so a word they never saw is still spelled out of pieces; punctuation and single characters are tokens too.',
    widget: () => (
      <div className="stack">
        <TokensWidget slot="tour" initialText="the cat sat on the mat" />
        <BpeSplit />
      </div>
    ),
  },
  embeddings: {
    text: `Each id selects a row of numbers, its embedding. They start random; training moves words used in the same places towards each other. Watch the map: cat and dog end together, banana apart, king near queen, apple far from car. These vectors have 32 numbers drawn on 2 axes; GPT-2 uses ${GPT2_DIMS}, the largest models thousands.`,
    widget: () => <EmbeddingMapStep />,
  },
  'missing-word': {
    text: 'How do the vectors get there? Hide a word and ask the model for it: “the cat sat on the ___”. Its guess is a probability for every word; what it gives the wrong words is its loss, and one training step nudges the vectors so the right word gets a little more next time. Below, word2vec takes real steps on this one example. Nobody labels anything: the text is its own answer key. Further down, the tour’s GPT, trained the same way on the whole corpus, and its guesses.',
    widget: () => (
      <div className="stack">
        <MissingWordStep />
        <PretrainStep prompt="the cat sat on the " />
      </div>
    ),
  },
  data: {
    text: 'Real pretraining reads trillions of words from the web, and raw web pages are noisy: menus, cookie banners, HTML, copies of the same page. Pipelines like FineWeb filter them. Here a few web-like pages go through the library’s filters, each removal with its reason.',
    widget: () => <CurationStep />,
  },
  loss: {
    text: 'How wrong was a prediction? loss = −ln p(true next word): −ln 1 = 0 for a certain, correct guess, −ln 0.8 = 0.22 for a confident one, and a word the model thought unlikely costs a lot. After “the cat sat on the”, “pond” costs far more than “mat”.',
    widget: () => (
      <div className="stack">
        <WorkedExample />
        <PondOrMat />
      </div>
    ),
  },
  'base-model': {
    text: 'What pretraining leaves is a base model: a machine that continues text in the style of what it read. It does not answer; it continues. Let it write a few dozen tokens, and raise the temperature to see it get adventurous.',
    widget: () => <AutocompleteWidget slot="tour" initialPrompt="the queen " />,
  },
  'fine-tuning': {
    text: 'A base model continues; an assistant answers. Fine-tuning trains the base model further on examples of questions and good answers, so that continuing a question means answering it: the same question, before and after.',
    widget: () => <FineTuneSlot />,
  },
};

export const STEPS: TourStep[] = STEP_LIST.map((s) => ({ ...s, ...BODIES[s.id] }));
