"""Rebuild the shipped ACLED / CASE-2021 sub-type model: src/newsledger/data/events/acled_subtype.pkl.

    .venv/bin/python scripts/train_event_classifier.py [../shared/eval/events/case2021-dev.tsv] [--no-embeddings]

Trains the `SubtypeClassifier` cascade (character n-grams + cue groups in a linear SVM; MiniLM embeddings + cues in a
logistic regression for the snippets the SVM is unsure of) on the whole development file, with the
hyperparameters that `select_hyperparameters` picks from `HYPERPARAMETER_GRID` by an inner 5-fold
cross-validation of that same file: the very procedure `newsledger eval events` runs inside each of its outer
training parts, so the nested cross-validated figures of the scorer are the honest figures of this model.
The selection (grid point, inner figures) is stored in the artifact beside the model.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from newsledger.eval.event_training import INNER_FOLDS, save_classifier, select_hyperparameters, train_classifier
from newsledger.eval.events import read_case_tsv
from newsledger.extract.event_classifier import ARTIFACT, embed_sentences

DEFAULT_TSV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "events" / "case2021-dev.tsv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tsv", nargs="?", type=Path, default=DEFAULT_TSV)
    parser.add_argument("--no-embeddings", action="store_true", help="train the SVM half only")
    parser.add_argument("--seed", type=int, default=0, help="shuffle of the inner folds")
    parser.add_argument("--out", type=Path, default=ARTIFACT)
    options = parser.parse_args()
    started = time.perf_counter()
    texts, labels = read_case_tsv(options.tsv)
    embeddings = None if options.no_embeddings else embed_sentences(texts)
    selection = select_hyperparameters(texts, labels, embeddings=embeddings, folds=INNER_FOLDS, seed=options.seed)
    model = train_classifier(
        texts, labels, hyperparameters=selection.best, use_embeddings=embeddings is not None, embeddings=embeddings
    )
    save_classifier(model, options.out, selection=selection)
    halves = "SVM + MiniLM regression" if model.parts.get("regression") is not None else "SVM only"
    print(json.dumps(selection.summary(), indent=1))
    print(
        f"trained on {len(texts)} snippets, {len(Counter(labels))} sub-types ({halves}) -> {options.out} "
        f"in {time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
