from __future__ import annotations

import typer

from newsledger.cli.common import fail, print_error
from newsledger.errors import Errors, InputError


def test_fail_prints_one_error_line_and_returns_the_exit(capsys):
    exit_ = fail(InputError("a.txt", Errors.E001), code=2)
    assert isinstance(exit_, typer.Exit) and exit_.exit_code == 2
    assert capsys.readouterr().err == "newsledger: error: a.txt: [E001] file is empty\n"


def test_print_error_goes_to_stderr_only(capsys):
    print_error("the batch is unfinished")
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == "newsledger: error: the batch is unfinished\n"


def test_error_line_escapes_what_came_from_an_input(capsys):
    # regression: a file name holding a newline printed a forged "ingested 999" line; escapes reached the terminal
    name = "report\ningested 999, updated 0\x1b[2J\u202egnp.txt\x9b31m"
    print_error(InputError(name, Errors.E001))
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("newsledger: error: report\\ningested 999")
    assert "\x1b" not in err and "\u202e" not in err and "\x9b" not in err
    assert "\\x1b[2J" in err and "\\u202e" in err and "\\x9b" in err


def test_terminal_text_keeps_ordinary_text_and_unicode():
    from newsledger.cli.common import terminal_text

    assert terminal_text("José Peña — قال 東京 caf\\xe9.txt") == "José Peña — قال 東京 caf\\xe9.txt"
