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


def test_cli_lazy_command_table_matches_what_the_modules_register():
    import typer

    from newsledger.cli import LAZY_COMMANDS, module_commands

    registered: dict[str, str] = {}
    for module_name in {module for module, _ in LAZY_COMMANDS.values()}:
        for name, command in module_commands(module_name).items():
            registered[name] = module_name
            assert LAZY_COMMANDS[name][1] == command.get_short_help_str(limit=300), name
    assert registered == {name: module for name, (module, _) in LAZY_COMMANDS.items()}
    assert typer  # the table is checked through Typer's own command building


HEAVY = ("spacy", "torch", "sklearn", "thinc", "distributed", "newsledger.extract.event_classifier")
PROBE = """
import sys
from newsledger.cli import app
try:
    app(sys.argv[1:], prog_name="newsledger")
except SystemExit as exc:
    assert not exc.code, exc.code
print("LOADED=" + ",".join(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["--version"],
        ["--help"],
        ["events", "--format", "json"],
        ["claims", "--format", "json"],
        ["export", "--format", "geojson", "--out", "OUT"],
        ["watch", "--help"],
        ["serve", "--help"],
    ],
)
def test_cli_quick_commands_never_load_the_pipeline(tmp_path, argv):
    from newsledger.store import Store

    db = tmp_path / "ledger.db"
    Store.open(db).close()
    argv = [str(tmp_path / "out.json") if part == "OUT" else part for part in argv]
    if argv[0] in ("events", "claims", "export"):
        argv += ["--db", str(db)]
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *argv], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    loaded = next(line for line in done.stderr.splitlines() if line.startswith("LOADED="))
    assert loaded == "LOADED=", f"{argv}: {loaded}"
