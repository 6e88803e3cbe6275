// @glassbox/model/data — data curation (readers for text, JSONL, HTML, parquet and WARC; URL
// filter, main-content extraction, normalization, language identification, FineWeb's quality
// filters, exact and MinHash dedup, the streaming pipeline and its stats), the train/validation split, token
// shards, and the built-in corpora (Brown, the toy corpus, a noisy web-like corpus).

export {
  BROWN_CATEGORIES,
  type BrownDocument,
  brownCategory,
  brownTaggedToText,
  brownWord,
  joinDocuments,
} from '../corpus/brown.js';
export { type BrownAsset, fetchBrownCorpus, parseBrownAsset } from '../corpus/brown-asset.js';
export { TOUR_WORDS, tourCorpus, tourSentences } from '../corpus/tour.js';
export { TOY_FAMILIES, type ToyCorpusOptions, toyCorpus, toySentences } from '../corpus/toy.js';
export { type CrawlSampleOptions, crawlSample } from './crawl-sample.js';
export { type CleanDocument, type CurateOptions, type CurateResult, Curator, judgeConfig } from './curate.js';
export { ExactDedup } from './dedup/exact.js';
export {
  lshThreshold,
  MINHASH_DEFAULTS,
  type MinHashConfig,
  MinHashDedup,
  MinHasher,
  type NearDuplicate,
  signatureSimilarity,
} from './dedup/minhash.js';
export {
  type CurationNotes,
  type DocumentMeta,
  isReadIssue,
  isReadSkip,
  issueWhere,
  type RawDocument,
  type ReadIssue,
  type ReadItem,
  type ReadSkip,
  type Rejection,
  type Removal,
  STAGES,
  type Stage,
} from './document.js';
export { type Extraction, type ExtractOptions, extractMainText, loadExtractor } from './extract.js';
export { C4_DEFAULTS, type C4Config, type C4Result, c4Filter } from './filters/c4.js';
export { FINEWEB_QUALITY_DEFAULTS, type FineWebConfig, finewebQuality } from './filters/fineweb.js';
export {
  GOPHER_QUALITY_DEFAULTS,
  type GopherQualityConfig,
  gopherQuality,
} from './filters/gopher-quality.js';
export {
  GOPHER_REPETITION_DEFAULTS,
  type GopherRepetitionConfig,
  gopherRepetition,
} from './filters/gopher-repetition.js';
export {
  FINEWEB_FILTERS,
  type FilterConfig,
  type FilterOutcome,
  type FilterOverrides,
  filterConfig,
  runFilters,
} from './filters/index.js';
export { type JudgeConfig, type Judgement, judgeDocument, type StagePass } from './judge.js';
export {
  fetchLanguageModel,
  LANGUAGE_DEFAULTS,
  type LanguageFilterConfig,
  type LanguageIdentifier,
  type LanguagePrediction,
  languageFilter,
  loadLanguageModel,
} from './language.js';
export { htmlPage, type NoiseOptions, type NoisyFile, noisyCorpus } from './noise.js';
export { normalizeText } from './normalize.js';
export {
  type ByteChunks,
  decodePage,
  formatOf,
  gunzipChunks,
  htmlToText,
  INPUT_FORMATS,
  type InputFile,
  type InputFormat,
  inputFromBlob,
  inputFromBytes,
  parseHttpResponse,
  type ReaderOptions,
  readDocuments,
  readInput,
  streamChunks,
} from './readers/index.js';
export { explainReason, REASONS } from './reasons.js';
export {
  decodeShard,
  encodeShard,
  parseShardMeta,
  type ShardDtype,
  type ShardInfo,
  type ShardMeta,
  shardDtype,
  sidecarPath,
  tokenizerHash,
} from './shards.js';
export { DocumentEncoder, EOT, validationMask } from './split.js';
export {
  type DataStats,
  parseDataStats,
  type RemovedExample,
  reasonCounts,
  type ShardSummary,
  type StageStats,
} from './stats.js';
export { curateTourPages, type PageVerdict, tourPages } from './tour-pages.js';
export {
  EXAMPLE_URL_BLOCKLIST,
  mergeUrlBlockLists,
  parseUrlBlockList,
  type UrlBlockList,
  urlFilter,
} from './url-filter.js';
export { countSentences, wordTokens } from './words.js';
