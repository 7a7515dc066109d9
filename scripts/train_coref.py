#!/usr/bin/env python3
"""Build the shipped event pair model: `src/newsledger/data/coref/event_pairs.json`.

    .venv/bin/python scripts/train_coref.py [../shared/eval/coref/ecbplus]

Reads the ECB+ development topics only (the first three quarters by number; the last quarter is the gate
`newsledger eval coref` scores the shipped model on, and this script never reads it), pools them into one stream
as the ledger meets its reports, chooses the clustering threshold by cross-validation over topics (the procedure
`newsledger eval coref` reports), and fits the logistic pair model on every usable candidate pair. The file is a
few weights, readable as text.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsledger.eval.coref import add_lemmas, ecb_stream, read_corpus, split_topics, topic_folders, train_pair_model
from newsledger.resolve.events import shipped_pair_model_path

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "coref" / "ecbplus"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    development, gate = split_topics(folder.name for folder in topic_folders(args.path))
    documents = read_corpus(args.path, topics=development)
    add_lemmas(documents)
    stream = ecb_stream(documents)
    model, figures = train_pair_model(stream)
    model.about = {
        "trained_on": f"ECB+ development topics {development[0]}-{development[-1]}, pooled (no topic given)",
        "gate_topics_not_read": f"{gate[0]}-{gate[-1]}" if gate else "",
        "threshold_chosen_by": "5-fold cross-validation over topics",
        **figures,
    }
    path = shipped_pair_model_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(model.to_json(), encoding="utf-8")
    print(f"wrote {path}: {figures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
