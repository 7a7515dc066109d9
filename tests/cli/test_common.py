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
