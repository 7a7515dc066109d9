"""What every command shares: the one error line (`fail`, `print_error`), the --db option, and opening the store
and the pipeline with their errors turned into that line."""

from __future__ import annotations

import importlib
import re
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsledger.errors import NewsledgerError

if TYPE_CHECKING:
    from spacy.language import Language

    from newsledger.store.db import Store

ERROR_PREFIX = "newsledger: error: "
DB_HELP = "Database: a SQLite file path or URL (default sqlite:///var/newsledger.db), or postgresql://…"
DbOption = Annotated[str | None, typer.Option("--db", help=DB_HELP, envvar="NEWSLEDGER_DB")]


# What must not reach a terminal as it is: C0 and C1 control characters (a newline would start a forged line, an
# escape sequence would move the cursor or retitle the window), DEL, Unicode line and paragraph separators, and
# the bidirectional overrides and isolates that make a terminal show text in another order than it is.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return named.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def terminal_text(text: object) -> str:
    """`text` as it may be printed: every character in _UNPRINTABLE written as an escape (`\\n`, `\\x1b`,
    `\\u202e`). File names and anything read from an input go through this before they reach a terminal."""
    return _UNPRINTABLE.sub(_escape_char, str(text))


def error_line(message: object) -> str:
    """The line a user sees for an error: `newsledger: error: <message>` (tests and scripts match on it), always
    one line, with what came from an input (a file name, a reason quoting it) escaped."""
    return f"{ERROR_PREFIX}{terminal_text(message)}"


def print_error(message: object) -> None:
    """One error line on stderr; the run goes on (a rejected input, a failed partition)."""
    typer.echo(error_line(message), err=True)


def fail(message: object, *, code: int = 1) -> typer.Exit:
    """Print one line to stderr and return the Exit to raise: bad input never shows a traceback."""
    print_error(message)
    return typer.Exit(code)


def stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def open_store(db: str | None) -> Store:
    from newsledger.store import Store

    try:
        return Store.open(db)
    except NewsledgerError as exc:
        raise fail(exc) from None


def load_pipeline(spec: str | None) -> Language:
    """The standard pipeline, or `MODULE:FUNCTION` returning a spaCy pipeline (custom or test pipelines)."""
    try:
        if spec:
            module_name, _, function = spec.partition(":")
            return importlib.import_module(module_name).__dict__[function or "make_nlp"]()
        from newsledger.nlp import load_nlp

        return load_nlp()
    except NewsledgerError as exc:
        raise fail(exc) from None
    except (ImportError, KeyError) as exc:
        raise fail(f"--nlp {spec}: cannot load the pipeline ({exc})", code=2) from None
