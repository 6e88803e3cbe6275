// What a loss means in other units. Loss is the mean −ln p(true next token), in nats per token.
//   perplexity = e^loss: the number of equally likely choices the model is as unsure as
//   bits per byte = loss · tokens / (ln 2 · bytes): comparable across tokenizers

export function perplexity(loss: number): number {
  return Math.exp(loss);
}

export function bitsPerByte(loss: number, tokens: number, bytes: number): number {
  return (loss * tokens) / (Math.LN2 * bytes);
}

/** −ln p: the loss of one prediction that gave the true token probability p (0.8 → 0.223). */
export function tokenLoss(p: number): number {
  return -Math.log(p);
}
