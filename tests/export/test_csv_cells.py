"""CSV cells that a spreadsheet would run as formulas are written as text (OWASP "CSV Injection")."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest

from newsledger.export import ledger
from newsledger.export.csv_cells import FORMULA_STARTS, SafeDictWriter, spreadsheet_cell
from newsledger.resolve import resolve_store
from tests.resolve.test_ledger import first_report, second_report


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_csv_cells_formula_starts_are_escaped(start):
    value = f'{start}HYPERLINK("http://evil.test","x")'
    assert spreadsheet_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["-3.1250", "+12", "-7", "1e-5", 42, -3.5, None, "Wire A", "a=b", " =1"])
def test_csv_cells_numbers_and_plain_text_are_kept(value):
    assert spreadsheet_cell(value) == value


def test_csv_cells_writer_escapes_every_cell_and_round_trips():
    out = io.StringIO()
    writer = SafeDictWriter(out, ("a", "b"), lineterminator="\n")
    writer.writeheader()
    writer.writerows([{"a": "=1+1", "b": "@SUM(A1)"}, {"a": "-2+3", "b": '\tx,"y"'}])
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows == [{"a": "'=1+1", "b": "'@SUM(A1)"}, {"a": "'-2+3", "b": '\'\tx,"y"'}]


def test_csv_cells_acled_export_escapes_outlets_and_names(store):
    # regression: an outlet or actor starting with '=' or '@' was written raw into the ACLED export
    first, second = first_report(), second_report()
    hostile = dataclasses.replace(first.article, outlet='=HYPERLINK("http://evil.test","Wire A")')
    store.save_record(dataclasses.replace(first, article=hostile))
    store.save_record(second)
    resolve_store(store)
    out = io.StringIO()
    ledger.write_acled(store, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    cells = [value for row in rows for value in row.values()]
    assert not [
        cell for cell in cells if cell.startswith(FORMULA_STARTS) and not cell.lstrip("-+").replace(".", "").isdigit()
    ]
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
