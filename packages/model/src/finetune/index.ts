// Fine-tuning: from a base model to one that follows instructions. Chat template and special
// tokens, SFT data and batches, LoRA, the built-in instruction set, base-versus-tuned comparison.
export { type BuiltinOptions, builtinInstructions, frequentWords, type InstructionSet } from './builtin.js';
export {
  CHAT_TEMPLATE_JINJA,
  CHAT_TOKEN_LIST,
  CHAT_TOKENS,
  type ChatIds,
  chatTokenIds,
  type Message,
  type RenderedChat,
  ROLES,
  type Role,
  renderChat,
  requireChatTokenIds,
} from './chat-template.js';
export { type FineTuneContents, saveFineTune, TOKENIZER_CONFIG_FILE } from './checkpoint.js';
export {
  baseForComparison,
  type Comparison,
  type ComparisonRow,
  compareModels,
  exactMatchRate,
  type HeldOutFigures,
  requireLineage,
  requireSameShape,
} from './compare.js';
export {
  type Example,
  splitExamples,
  type TokenizedExamples,
  toExample,
  tokenizeConversations,
} from './examples.js';
export { withAddedTokens } from './grow-vocab.js';
export { LoRA, type LoRAConfig } from './lora.js';
export { ADAPTER_FILES, ADDED_ROWS_FILE, decodeAdapter, encodeAdapter } from './lora-files.js';
export { mergeLoRA, withMergedLoRA } from './lora-merge.js';
export { type Reply, type ReplyOptions, reply } from './reply.js';
export { type ChatModel, prepareChatModel, type SftData, type SftDataOptions, sftData } from './setup.js';
export { ExampleBatches, type ExampleBatchOptions, type ResponseLoss, responseLoss } from './sft-batches.js';
export { type Conversation, formatConversations, pairConversation, parseConversations } from './sft-data.js';
export { type AddedTokens, addSpecialTokens } from './special-tokens.js';
export {
  TOUR_FINETUNE,
  TOUR_QUESTION,
  type TourFineTune,
  type TourFineTuneOptions,
  tourFineTune,
  tourInstructions,
} from './tour.js';
export { type FineTuneOptions, type FineTuneRun, fineTuneTrainer, loadAdapterTensors } from './trainer.js';
