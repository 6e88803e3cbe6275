// The Fine-tune page, and the widget the tour's fine-tuning step embeds.
export { FinetunePage } from './FinetunePage';
export { FinetuneStep, type FinetuneStepProps } from './FinetuneStep';
