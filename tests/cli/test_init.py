"""The top-level command: option values that Typer would pass through its Pydantic adapter unchanged skip it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer import _adapters

from newsledger.cli import LAZY_COMMANDS, module_commands, plain_value

SAMPLES = ("abc", "", " 12", "12", "0", "007", "-3", "1_000", "9" * 25, 12, 0, True, 2.5, b"abc")


def test_cli_plain_values_are_what_typers_adapter_returns():
    checked = 0
    for module_name in dict.fromkeys(module for module, _ in LAZY_COMMANDS.values()):
        for command in module_commands(module_name).values():
            for param in command.params:
                descriptor = getattr(param, "type_descriptor", None)
                if descriptor is None:
                    continue
                adapter = _adapters.try_build_adapter(descriptor.annotation, descriptor.parameter_info)
                for value in SAMPLES:
                    plain, coerced = plain_value(descriptor, value)
                    if not plain:
                        continue
                    assert adapter is not None
                    expected = adapter.validate_python(value)
                    assert (coerced, type(coerced)) == (expected, type(expected)), (param.name, value)
                    checked += 1
    assert checked > 100  # str and int options of every command were compared


def test_cli_bad_number_still_gets_typers_message(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "newsledger", "events", "--limit", "many", "--db", str(tmp_path / "x.db")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Invalid value for '--limit'" in done.stderr and "valid integer" in done.stderr


@pytest.mark.parametrize("argv", [["events", "--format", "json", "--limit", "5"], ["claims", "--format", "csv"]])
def test_cli_query_commands_never_import_pydantic(tmp_path, argv):
    from newsledger.store import Store

    db = tmp_path / "ledger.db"
    Store.open(db).close()
    probe = (
        "import sys\nfrom newsledger.cli import app\n"
        "try:\n    app(sys.argv[1:], prog_name='newsledger')\nexcept SystemExit as exc:\n    assert not exc.code\n"
        "print('PYDANTIC=' + str('pydantic' in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *argv, "--db", str(db)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "PYDANTIC=False" in done.stderr
