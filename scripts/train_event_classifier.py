"""Rebuild the shipped ACLED / CASE-2021 sub-type model: src/newsledger/data/events/acled_subtype.pkl.

    .venv/bin/python scripts/train_event_classifier.py [../shared/eval/events/case2021-dev.tsv] [--no-embeddings]

Trains `SubtypeClassifier` (character n-grams + cue groups in a linear SVM; MiniLM embeddings + cues in a
logistic regression for the snippets the SVM is unsure of) on the whole development file. Its honest figures
are the cross-validated ones of `newsledger eval events` on the same file; the hyper-parameters in
`event_classifier.py` (cue weight, embedding weight, margin threshold) were chosen on those folds.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from newsledger.eval.events import read_case_tsv
from newsledger.extract.event_classifier import ARTIFACT, SubtypeClassifier

DEFAULT_TSV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "events" / "case2021-dev.tsv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tsv", nargs="?", type=Path, default=DEFAULT_TSV)
    parser.add_argument("--no-embeddings", action="store_true", help="train the SVM half only")
    parser.add_argument("--out", type=Path, default=ARTIFACT)
    options = parser.parse_args()
    texts, labels = read_case_tsv(options.tsv)
    model = SubtypeClassifier(use_embeddings=not options.no_embeddings).fit(texts, labels)
    model.save(options.out)
    halves = "SVM + MiniLM regression" if model.parts.get("regression") is not None else "SVM only"
    print(f"trained on {len(texts)} snippets, {len(Counter(labels))} sub-types ({halves}) -> {options.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
