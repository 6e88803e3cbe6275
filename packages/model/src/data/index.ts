// Data curation: token shards (and, as it lands, readers, filters, dedup and the pipeline).
export * from './shards.js';
