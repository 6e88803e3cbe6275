"""The word2vec bench's peer: gensim (Debian's python3-gensim) on the sentences glassbox trains on.

Usage: word2vec_gensim.py SENTENCES MODEL EPOCHS, where SENTENCES holds one sentence per line, its
words separated by single spaces, and MODEL is skipgram or cbow. Settings are glassbox's defaults
(vector size 100, window 5, 5 noise words, sample 1e-3, min count 5) on one worker thread. Prints
one JSON line: {"epochSeconds": [...]}, the wall time of each epoch (the first is warm-up).
"""

import json
import sys
import time

from gensim.models import Word2Vec
from gensim.models.callbacks import CallbackAny2Vec


class EpochClock(CallbackAny2Vec):
    def __init__(self):
        self.seconds = []
        self.started = 0.0

    def on_epoch_begin(self, model):
        self.started = time.perf_counter()

    def on_epoch_end(self, model):
        self.seconds.append(time.perf_counter() - self.started)


def main() -> int:
    path, model, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(path, encoding="utf-8") as f:
        sentences = [line.split(" ") for line in f.read().split("\n") if line]
    clock = EpochClock()
    Word2Vec(
        sentences,
        sg=1 if model == "skipgram" else 0,
        vector_size=100,
        window=5,
        negative=5,
        sample=1e-3,
        min_count=5,
        workers=1,
        epochs=epochs,
        seed=1,
        callbacks=[clock],
    )
    print(json.dumps({"epochSeconds": clock.seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
