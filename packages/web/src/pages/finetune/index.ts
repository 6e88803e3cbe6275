// The Fine-tune page, and the widget the tour's fine-tuning step embeds.
export { default as FinetunePage } from './FinetunePage';
export { FinetuneStep, type FinetuneStepProps } from './FinetuneStep';
