"""`newsledger eval stance EMERGENT_CSV`: does an article headline report a claim as true, false or just report it?

The classifier is the classic Emergent recipe (Ferreira & Vlachos 2016) in small: TF-IDF word uni- and bigrams and
character n-grams of the article headline (the claim's own words masked, so topic words do not carry over from one
claim to the next), plus hand features — refuting, hedging and negation words (the lexicon the claims extractor
uses, `data/stance/lexicon.json`), word overlap between claim and headline, a question mark — into a logistic
regression.

Honesty: a model is never scored on rows it was trained on, nor tuned on them. When the shipped model
(`data/stance/model.joblib`, built by `scripts/train_stance.py`) shares no claim with the scored file, it is scored
as is; otherwise the file is scored by nested cross-validation grouped by claim (a claim's headlines never sit on
both sides of a fold): outer folds for scoring, and inside each outer training part an inner grouped CV picks the
regularization and class weighting from `STANCE_GRID` (the grid the training script searches on the whole file),
over several fold shuffles; the output says which.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import typer
from scipy.sparse import csr_matrix, hstack, spmatrix
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support
from sklearn.model_selection import GroupKFold
from threadpoolctl import threadpool_limits

from newsledger.errors import Errors, NewsledgerError
from newsledger.eval.report import emit
from newsledger.eval.stance_fnc import evaluate_fnc, is_fnc_folder

LABELS = ("for", "against", "observing")
CLAIM_COLUMN = "claimHeadline"
HEADLINE_COLUMN = "articleHeadline"
STANCE_COLUMN = "articleHeadlineStance"
CLAIM_ID_COLUMN = "claimId"
MODEL_FILE = "model.joblib"
# Searched by the inner, claim-grouped cross-validation (scorer and training script alike); the feature recipe
# itself (masking, n-gram ranges, the lexicon) is fixed by hand.
STANCE_GRID: dict[str, tuple[Any, ...]] = {"regularization": (0.3, 1.0, 3.0, 10.0), "balanced": (False, True)}
INNER_FOLDS = 5
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|n't")
_STOPWORDS = frozenset(
    "the a an of to in on for and is are was were with at by from as that this it be has have".split()
)


@dataclass(frozen=True)
class StancePair:
    claim: str
    headline: str
    stance: str
    claim_id: str


@lru_cache(maxsize=1)
def stance_lexicon() -> dict[str, frozenset[str]]:
    """Word lists shared with the claims extractor; phrases keep their spaces."""
    raw = json.loads((resources.files("newsledger") / "data" / "stance" / "lexicon.json").read_text(encoding="utf-8"))
    return {key: frozenset(v.lower() for v in values) for key, values in raw.items() if isinstance(values, list)}


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def stance_features(pairs: Sequence[tuple[str, str]]) -> csr_matrix:
    """Hand features of (claim, headline) pairs, each in 0–1."""
    lexicon = stance_lexicon()
    refuting, hedging, negation = lexicon["refuting"], lexicon["hedging"], lexicon["negation"]
    rows = []
    for claim, headline in pairs:
        headline_words, claim_words = words(headline), words(claim)
        headline_set, claim_set = set(headline_words) - _STOPWORDS, set(claim_words) - _STOPWORDS
        shared = headline_set & claim_set
        headline_negated = any(w in negation for w in headline_words)
        claim_negated = any(w in negation for w in claim_words)
        rows.append(
            [
                len(shared) / max(1, len(headline_set | claim_set)),
                len(shared) / max(1, len(claim_set)),
                len(shared) / max(1, len(headline_set)),
                headline.strip().endswith("?"),
                "?" in headline,
                any(w in refuting for w in headline_words),
                any(w in hedging for w in headline_words),
                headline_negated,
                claim_negated,
                headline_negated != claim_negated,
                headline.count('"') + headline.count("“") > 1,
                headline_words[:1] in (["report"], ["reports"]),
            ]
        )
    return csr_matrix(np.asarray(rows, dtype=float))


@dataclass(frozen=True)
class StanceHyperparameters:
    regularization: float = 1.0  # C of the logistic regression
    balanced: bool = False  # class weights inverse to the class frequencies


def _regression(hyperparameters: StanceHyperparameters) -> LogisticRegression:
    return LogisticRegression(
        C=hyperparameters.regularization, max_iter=3000, class_weight="balanced" if hyperparameters.balanced else None
    )


class StanceModel:
    """TF-IDF (words and character n-grams) of the headline, the claim's words masked, + hand features ->
    logistic regression over for / against / observing."""

    def __init__(self, *, hyperparameters: StanceHyperparameters | None = None) -> None:
        self.hyperparameters = hyperparameters or StanceHyperparameters()
        self.vectorizer = TfidfVectorizer(
            ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=r"(?u)\b\w[\w']*\b|\?"
        )
        self.characters = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), min_df=3, sublinear_tf=True, max_features=20_000
        )
        self.classifier = _regression(self.hyperparameters)
        self.trained_claims: frozenset[str] = frozenset()
        self.majority = LABELS[0]
        self.selection: dict[str, Any] | None = None  # how the hyperparameters were picked (shipped model)

    def _matrix(self, pairs: Sequence[tuple[str, str]], *, fit: bool) -> spmatrix:
        headlines = [masked_headline(claim, headline) for claim, headline in pairs]
        if fit:
            words_matrix = self.vectorizer.fit_transform(headlines)
            characters = self.characters.fit_transform(headlines)
        else:
            words_matrix = self.vectorizer.transform(headlines)
            characters = self.characters.transform(headlines)
        return hstack([words_matrix, characters, stance_features(pairs)]).tocsr()

    def fit(self, data: Sequence[StancePair]) -> StanceModel:
        pairs = [(p.claim, p.headline) for p in data]
        with threadpool_limits(1):  # small problem: BLAS threads only fight each other on a shared machine
            self.classifier.fit(self._matrix(pairs, fit=True), [p.stance for p in data])
        self.trained_claims = frozenset(claim_key(p.claim) for p in data)
        self.majority = Counter(p.stance for p in data).most_common(1)[0][0]
        return self

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[str]:
        with threadpool_limits(1):
            return [str(label) for label in self.classifier.predict(self._matrix(pairs, fit=False))]


def masked_headline(claim: str, headline: str) -> str:
    """The headline with the claim's own words replaced by one placeholder, so the model learns how a headline
    speaks of a claim (denies, hedges, repeats it) rather than which story it is about."""
    claim_words = set(words(claim)) - _STOPWORDS
    masked = ["claimword" if w in claim_words else w for w in words(headline)]
    return " ".join(masked) + (" ?" if "?" in headline else "")


def claim_key(claim: str) -> str:
    """A claim's identity across files: its normalized words, hashed (the artifact stores no text)."""
    return hashlib.sha256(" ".join(words(claim)).encode("utf-8")).hexdigest()[:16]


def read_emergent(path: Path, *, limit: int | None = None) -> list[StancePair]:
    """Rows of an Emergent CSV (claimHeadline, articleHeadline, articleHeadlineStance[, claimId])."""
    if not path.is_file():
        raise NewsledgerError(Errors.E201.format(path=path))
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = {CLAIM_COLUMN, HEADLINE_COLUMN, STANCE_COLUMN} - set(reader.fieldnames or ())
            if missing:
                raise NewsledgerError(Errors.E202.format(path=path, reason=f"missing columns {sorted(missing)}"))
            data = []
            for line, row in enumerate(reader, start=2):
                stance = (row[STANCE_COLUMN] or "").strip().lower()
                if stance not in LABELS:
                    raise NewsledgerError(Errors.E202.format(path=path, reason=f"line {line}: stance {stance!r}"))
                claim = (row[CLAIM_COLUMN] or "").strip()
                claim_id = (row.get(CLAIM_ID_COLUMN) or "").strip() or claim_key(claim)
                data.append(StancePair(claim, (row[HEADLINE_COLUMN] or "").strip(), stance, claim_id))
                if limit is not None and len(data) >= limit:
                    break
    except (UnicodeDecodeError, csv.Error) as exc:
        raise NewsledgerError(Errors.E202.format(path=path, reason=str(exc))) from None
    if not data:
        raise NewsledgerError(Errors.E201.format(path=path))
    return data


def shipped_model_path() -> Path:
    return Path(str(resources.files("newsledger") / "data" / "stance" / MODEL_FILE))


def load_shipped_model() -> StanceModel | None:
    path = shipped_model_path()
    if not path.is_file():
        return None
    import joblib

    model = joblib.load(path)
    return model if isinstance(model, StanceModel) else None


def scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    return {
        "accuracy": float(accuracy_score(gold, predicted)),
        "macro_f1": float(f1_score(gold, predicted, labels=list(LABELS), average="macro", zero_division=0)),
    }


def lexicon_baseline(pairs: Sequence[tuple[str, str]]) -> list[str]:
    """A refuting word says against, a hedging word says observing, anything else for."""
    lexicon = stance_lexicon()
    out = []
    for _claim, headline in pairs:
        headline_words = set(words(headline))
        if headline_words & lexicon["refuting"]:
            out.append("against")
        elif headline_words & lexicon["hedging"] or headline.strip().endswith("?"):
            out.append("observing")
        else:
            out.append("for")
    return out


def _grouped_folds(data: Sequence[StancePair], folds: int, *, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    groups = [p.claim_id for p in data]
    splitter = GroupKFold(n_splits=min(folds, len(set(groups))), shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(data)), groups=groups))


def select_stance_hyperparameters(
    data: Sequence[StancePair],
    *,
    folds: int = INNER_FOLDS,
    seed: int = 0,
    grid: dict[str, tuple[Any, ...]] | None = None,
) -> tuple[StanceHyperparameters, float]:
    """(the grid point with the best claim-grouped cross-validated accuracy on `data` alone, that accuracy).
    The features of each inner fold are built once; only the regression is refitted per grid point. Ties go to
    the earlier grid point."""
    grid = STANCE_GRID if grid is None else grid
    if len({p.claim_id for p in data}) < 2:
        return StanceHyperparameters(), 0.0  # nothing to hold out: the defaults, and no inner figure
    points = [
        StanceHyperparameters(regularization=c, balanced=balanced)
        for c in grid["regularization"]
        for balanced in grid["balanced"]
    ]
    correct = dict.fromkeys(points, 0)
    for train_index, test_index in _grouped_folds(data, folds, seed=seed):
        train = [data[i] for i in train_index]
        test = [data[i] for i in test_index]
        if len({p.stance for p in train}) < 2:
            continue  # no classifier can be trained; every point would predict the one class alike
        features = StanceModel()
        train_matrix = features._matrix([(p.claim, p.headline) for p in train], fit=True)
        test_matrix = features._matrix([(p.claim, p.headline) for p in test], fit=False)
        for point in points:
            with threadpool_limits(1):
                predicted = _regression(point).fit(train_matrix, [p.stance for p in train]).predict(test_matrix)
            correct[point] += sum(1 for label, p in zip(predicted, test, strict=True) if label == p.stance)
    best = max(points, key=lambda point: (correct[point], -points.index(point)))
    return best, correct[best] / len(data)


def cross_validated_predictions(
    data: Sequence[StancePair], *, folds: int, inner_folds: int = INNER_FOLDS, seed: int = 0
) -> tuple[list[str], list[str], list[dict[str, Any]]]:
    """(ours, majority, selections): predictions for every row from a model that never saw the row's claim, with
    hyperparameters picked by an inner claim-grouped CV of its own training part."""
    ours = [""] * len(data)
    majority = [""] * len(data)
    selections: list[dict[str, Any]] = []
    for train_index, test_index in _grouped_folds(data, folds, seed=seed):
        train = [data[i] for i in train_index]
        test_pairs = [(data[i].claim, data[i].headline) for i in test_index]
        most_common = Counter(p.stance for p in train).most_common(1)[0][0]
        if len({p.stance for p in train}) > 1:
            chosen, inner_accuracy = select_stance_hyperparameters(train, folds=inner_folds, seed=seed)
            selections.append({"seed": seed, **asdict(chosen), "inner_accuracy": round(inner_accuracy, 4)})
            predicted = StanceModel(hyperparameters=chosen).fit(train).predict(test_pairs)
        else:  # a fold with one class cannot train a classifier: it predicts that class
            predicted = [most_common] * len(test_pairs)
        for i, label in zip(test_index, predicted, strict=True):
            ours[i] = label
            majority[i] = most_common
    return ours, majority, selections


def evaluate(
    path: Path, *, folds: int = 5, inner_folds: int = INNER_FOLDS, seeds: int = 3, limit: int | None = None
) -> dict[str, Any]:
    started = time.perf_counter()
    data = read_emergent(path, limit=limit)
    gold = [p.stance for p in data]
    pairs = [(p.claim, p.headline) for p in data]
    notes: list[str] = []
    extra: dict[str, Any] = {}
    shipped = load_shipped_model()
    if shipped is not None and not ({claim_key(p.claim) for p in data} & shipped.trained_claims):
        ours = shipped.predict(pairs)
        majority = [shipped.majority] * len(data)
        runs = [scores(gold, ours)]
        pooled_gold, pooled_ours = gold, ours
        notes.append(f"shipped model ({MODEL_FILE}); the scored file shares no claim with its training data")
        notes.append("majority baseline: the most frequent stance of the shipped model's training data")
        metrics = runs[0]
        majority_scores = scores(gold, majority)
    else:
        n_claims = len({p.claim_id for p in data})
        k = min(folds, n_claims)
        if k < 2:
            raise NewsledgerError(Errors.E202.format(path=path, reason="needs at least 2 claims to cross-validate"))
        runs, majority_runs, selections = [], [], []
        pooled_gold, pooled_ours = [], []
        for seed in range(seeds):
            ours, majority, chosen = cross_validated_predictions(data, folds=k, inner_folds=inner_folds, seed=seed)
            runs.append({"seed": seed, **scores(gold, ours)})
            majority_runs.append(scores(gold, majority))
            selections += chosen
            pooled_gold += gold
            pooled_ours += ours
        metrics = {}
        for name in ("accuracy", "macro_f1"):
            values = [run[name] for run in runs]
            metrics[name] = float(np.mean(values))
            metrics[f"{name}_sd"] = float(np.std(values, ddof=1)) if len(values) > 1 else 0.0
            metrics[f"{name}_min"], metrics[f"{name}_max"] = float(min(values)), float(max(values))
        majority_scores = {name: float(np.mean([run[name] for run in majority_runs])) for name in majority_runs[0]}
        reason = "it shares claims with the shipped model's training data" if shipped else "no shipped model"
        notes.append(
            f"nested cross-validation: {k}-fold outer, grouped by claim, over {seeds} fold shuffles, trained on this "
            f"file ({reason}); inside each outer training part a {inner_folds}-fold claim-grouped CV picks C and the "
            "class weighting; figures are means over the shuffles, per class pooled over them"
        )
        notes.append(
            "per seed: "
            + "; ".join(f"{r['seed']}: accuracy {r['accuracy']:.3f}, macro {r['macro_f1']:.3f}" for r in runs)
        )
        tally = Counter((s["regularization"], s["balanced"]) for s in selections)
        notes.append(
            "picked (C, balanced) across the outer folds: "
            + ", ".join(f"{c}/{balanced} x{count}" for (c, balanced), count in sorted(tally.items()))
        )
        notes.append("majority baseline: the most frequent stance of each training fold")
        extra = {
            "nested": True,
            "folds": k,
            "inner_folds": inner_folds,
            "per_seed": runs,
            "selected_hyperparameters": selections,
        }
    per_class = {}
    precision, recall, f1, support = precision_recall_fscore_support(
        pooled_gold, pooled_ours, labels=list(LABELS), zero_division=0
    )
    for i, label in enumerate(LABELS):
        per_class[label] = {
            "precision": float(precision[i]),
            "recall": float(recall[i]),
            "f1": float(f1[i]),
            "support": int(support[i]) * len(gold) // len(pooled_gold),
        }
    notes.append("lexicon baseline: refuting word -> against, hedging word or question -> observing, else for")
    runtime = time.perf_counter() - started
    notes.append(f"run time {runtime:.0f} s")
    return {
        "task": "stance",
        "path": str(path),
        "n": len(data),
        "metrics": metrics,
        "baselines": {"majority": majority_scores, "lexicon": scores(gold, lexicon_baseline(pairs))},
        "per_class": per_class,
        **extra,
        "runtime_s": round(runtime, 1),
        "notes": notes,
    }


def command(
    path: Path = typer.Argument(
        ..., help="Emergent CSV (claimHeadline, articleHeadline, articleHeadlineStance) or an FNC-1 folder."
    ),
    json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
    folds: int = typer.Option(5, "--folds", help="Outer folds of the claim-grouped cross-validation."),
    inner_folds: int = typer.Option(INNER_FOLDS, "--inner-folds", help="Inner folds that pick the hyperparameters."),
    seeds: int = typer.Option(3, "--seeds", help="How many fold shuffles to average."),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N rows."),
) -> None:
    """Headline stance (for / against / observing) on Emergent: accuracy and macro F1, baselines beside. On an
    FNC-1 folder: the official relative score and per-class F1 of the dispute model, grouped by body."""
    from newsledger.cli.common import fail

    if folds < 2 or inner_folds < 2 or seeds < 1:
        raise fail("--folds and --inner-folds must be at least 2, --seeds at least 1", code=2)
    try:
        if is_fnc_folder(path):
            result = evaluate_fnc(path, folds=folds, limit=limit)
        else:
            result = evaluate(path, folds=folds, inner_folds=inner_folds, seeds=seeds, limit=limit)
    except NewsledgerError as exc:
        raise fail(exc) from None
    emit(result, as_json=json_out)
