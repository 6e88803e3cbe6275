// The glassbox numeric core: every export is a kernel over f32/i32 arrays addressed by byte
// offsets into the one linear memory the host owns (imported, never allocated from here).
export { init, heapBase, scratchBytes } from './scratch';
export { kBlock, matmul, matmulBlock, packedBSize, tileCeiling } from './matmul';
export { thinMatmulRuns, useThinMatmul } from './matmul-thin';
export { matvec } from './matvec';
export { softmaxForward, softmaxBackward } from './softmax';
export { crossEntropyForward, crossEntropyBackward } from './crossentropy';
export { layernormForward, layernormBackward } from './layernorm';
export { geluForward, geluBackward } from './gelu';
export { add, columnSums, scale, sumSquares } from './elementwise';
export { gather, scatterAdd } from './embedding';
export { adamwSegments } from './adamw';
export { attentionForward, attentionBackward } from './attention';
export { w2vTrain } from './word2vec';
