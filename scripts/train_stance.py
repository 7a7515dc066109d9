#!/usr/bin/env python3
"""Build the shipped headline-stance model: `src/newsledger/data/stance/model.joblib`.

    .venv/bin/python scripts/train_stance.py [../shared/eval/stance/emergent-train.csv] [--seed 0]

Picks the regularization and class weighting from `STANCE_GRID` by a claim-grouped 5-fold cross-validation of the
whole Emergent CSV (the procedure `newsledger eval stance` runs inside each of its outer training parts, so its
nested figures are this model's honest ones), trains `newsledger.eval.stance.StanceModel` with them on every row,
and stores it with the hashed claims it saw, so `newsledger eval stance` never scores the model on those claims
(it runs the nested cross-validation instead).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path

import joblib

from newsledger.eval.stance import (
    INNER_FOLDS,
    StanceModel,
    read_emergent,
    select_stance_hyperparameters,
    shipped_model_path,
)

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "stance" / "emergent-train.csv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=0, help="shuffle of the claim-grouped folds")
    options = parser.parse_args()
    data = read_emergent(options.csv)
    chosen, inner_accuracy = select_stance_hyperparameters(data, folds=INNER_FOLDS, seed=options.seed)
    print(f"picked {asdict(chosen)} by {INNER_FOLDS}-fold claim-grouped CV (accuracy {inner_accuracy:.3f})")
    model = StanceModel(hyperparameters=chosen).fit(data)
    model.selection = {**asdict(chosen), "inner_accuracy": round(inner_accuracy, 4), "seed": options.seed}
    target = shipped_model_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, target, compress=3)
    print(f"wrote {target} ({target.stat().st_size} bytes, {len(data)} rows, {len(model.trained_claims)} claims)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
