// The tour's steps by id and title only, for the navigation (loaded with the shell, so it must
// not pull in any step's widgets; steps.tsx adds the text and the widget of each).

export const STEP_LIST: readonly { id: string; title: string }[] = [
  { id: 'autocomplete', title: '1. An LLM is autocomplete' },
  { id: 'tokens', title: '2. Tokens and ids' },
  { id: 'embeddings', title: '3. Embeddings' },
  { id: 'missing-word', title: '4. Learning by predicting the missing word' },
  { id: 'data', title: '5. Curated data' },
  { id: 'loss', title: '6. Loss' },
  { id: 'base-model', title: '7. The base model' },
  { id: 'fine-tuning', title: '8. Fine-tuning' },
];
