from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import SEED_TEXT

pytestmark = pytest.mark.model


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsledger", *args],
        input=stdin.decode() if stdin else None,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_version_and_help():
    out = run_cli("--version")
    assert out.returncode == 0 and out.stdout.startswith("newsledger ")
    for command in (["extract"], ["eval"]):
        helped = run_cli(*command, "--help")
        assert helped.returncode == 0, helped.stderr
        assert "Usage" in helped.stdout


def test_cli_extract_json_is_the_public_record():
    out = run_cli("extract", str(SEED_TEXT), "--published", "2021-09-06", "--outlet", "Iran News", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["article"]["published"] == "2021-09-06"
    assert data["article"]["outlet"] == "Iran News"
    text = data["article"]["text"]
    assert data["entities"], "no entities"
    for entity in data["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]


def test_cli_extract_table_reads_stdin():
    text = b"Rebels attacked the town of Kunduz on Monday, officials in Kabul said, and the army sent troops."
    out = run_cli("extract", "-", "--format", "table", stdin=text)
    assert out.returncode == 0, out.stderr
    assert "Entities" in out.stdout and "Kabul" in out.stdout


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("bad.json", b"{nope", "broken JSON"),
        ("bin.txt", b"\x00\x01\x02" * 100, "binary"),
    ],
)
def test_cli_extract_bad_input_is_one_line_and_nonzero(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    out = run_cli("extract", str(path), "--published", "2021-09-06")
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert str(path) in lines[0] and reason in lines[0]
    assert "Traceback" not in out.stderr


def test_cli_extract_rejects_bad_date_and_missing_file(tmp_path):
    out = run_cli("extract", str(tmp_path / "missing.txt"))
    assert out.returncode != 0 and "no such file" in out.stderr and "Traceback" not in out.stderr
    out = run_cli("extract", str(SEED_TEXT), "--published", "06/09/2021")
    assert out.returncode == 2 and "E011" in out.stderr
