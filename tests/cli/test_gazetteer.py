from typer.testing import CliRunner

from newsledger.cli import app


def test_commands_lookup_prints_scored_candidates(gazetteer):
    result = CliRunner().invoke(app, ["gazetteer", "lookup", "W.Va.", "--limit", "3"])
    assert result.exit_code == 0, result.output
    first = result.output.strip().splitlines()[0]
    assert "West Virginia" in first and "admin1" in first and "geonameid=" in first
    assert float(first.split()[0]) > 0


def test_commands_lookup_of_an_unknown_name_fails(gazetteer):
    result = CliRunner().invoke(app, ["gazetteer", "lookup", "Qwxzvvtrplk"])
    assert result.exit_code == 1
    assert "no place named" in result.output


def test_commands_build_if_missing_leaves_an_existing_index(gazetteer):
    stamp = gazetteer.path.stat().st_mtime_ns
    result = CliRunner().invoke(app, ["gazetteer", "build", "--if-missing"])
    assert result.exit_code == 0
    assert gazetteer.path.stat().st_mtime_ns == stamp
