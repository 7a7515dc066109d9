#!/usr/bin/env python3
"""Build the shipped dispute stance model: `src/newsledger/data/stance/fnc_pairs.joblib`.

    .venv/bin/python scripts/train_fnc_stance.py [../shared/eval/stance/fnc1]

Trains `newsledger.resolve.stance.PairStanceModel` on the FNC-1 development part (the first three quarters of
the body ids; the last quarter is the gate `newsledger eval stance` scores the shipped model on, and this script
never reads its pairs). The cross-validated figures of the same recipe are printed by `newsledger eval stance`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import joblib

from newsledger.eval.stance_fnc import read_fnc, split_bodies
from newsledger.resolve.stance import fit_pair_stance_model, shipped_model_path

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "stance" / "fnc1"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    pairs, bodies, _skipped = read_fnc(args.path)
    development, gate = split_bodies(pairs)
    dev = [p for p in pairs if p.body_id in development]
    model = fit_pair_stance_model([(p.headline, bodies[p.body_id]) for p in dev], [p.stance for p in dev])
    model.about = {
        "trained_on": f"FNC-1 train, {len(dev)} pairs over {len(development)} bodies (first three quarters of ids)",
        "gate_bodies_not_read": f"{min(gate)}-{max(gate)}" if gate else "",
    }
    path = shipped_model_path()
    joblib.dump(model, path, compress=3)
    print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
