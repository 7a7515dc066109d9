#!/usr/bin/env python3
"""Build the shipped headline-stance model: `src/newsledger/data/stance/model.joblib`.

    .venv/bin/python scripts/train_stance.py [../shared/eval/stance/emergent-train.csv]

Trains `newsledger.eval.stance.StanceModel` on every row of the Emergent CSV and stores it with the hashed claims it
saw, so `newsledger eval stance` never scores the model on those claims (it cross-validates instead). Prints the
claim-grouped 5-fold cross-validated figures of the same recipe first.
"""

from __future__ import annotations

import sys
from pathlib import Path

import joblib

from newsledger.eval.stance import StanceModel, cross_validated_predictions, read_emergent, scores, shipped_model_path

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "stance" / "emergent-train.csv"


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_DATA
    data = read_emergent(path)
    ours, _majority = cross_validated_predictions(data, folds=5)
    figures = scores([p.stance for p in data], ours)
    print(f"5-fold claim-grouped CV on {path.name}: " + ", ".join(f"{k} {v:.3f}" for k, v in figures.items()))
    model = StanceModel().fit(data)
    target = shipped_model_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, target, compress=3)
    print(f"wrote {target} ({target.stat().st_size} bytes, {len(data)} rows, {len(model.trained_claims)} claims)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
