"""CSV that a spreadsheet opens as data, never as formulas: the one writer every CSV output of newsledger uses.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel, LibreOffice and Google
Sheets as a formula (`=HYPERLINK(...)`, `@SUM(...)`, `-2+3`), and an outlet or actor name comes from the text of
whatever was ingested. As OWASP advises ("CSV Injection"), such a cell is written with a leading apostrophe,
which spreadsheets show as text and do not display; the csv module quotes the cell when it holds a separator or
a quote. Numbers, and text that is exactly a decimal number ("-3.1250", a longitude), are written as they are.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?([eE][-+]?\d+)?")


def spreadsheet_cell(value: Any) -> Any:
    """The value as it may be written into a CSV cell."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS) or _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


class SafeDictWriter(csv.DictWriter):
    """csv.DictWriter whose every cell goes through `spreadsheet_cell`."""

    def __init__(self, out: IO[str], fieldnames: Iterable[str], **options: Any) -> None:
        super().__init__(out, fieldnames=list(fieldnames), **options)

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        return super().writerow({key: spreadsheet_cell(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        for rowdict in rowdicts:
            self.writerow(rowdict)
