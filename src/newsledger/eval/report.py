"""Printing evaluation results: one JSON object (`--json`) or rich tables for a person."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table


def emit(result: dict[str, Any], *, as_json: bool) -> None:
    """`result` follows the contract: {"task", "path", "n", "metrics", optional "baselines", "per_class", "notes"}."""
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
        return
    console = Console()
    console.print(f"[bold]{result['task']}[/bold] on {result['path']} (n={result['n']})")
    systems = {"newsledger": result["metrics"], **result.get("baselines", {})}
    names = sorted({k for m in systems.values() for k in m})
    table = Table("metric", *systems.keys())
    for name in names:
        table.add_row(name, *(_fmt(m.get(name)) for m in systems.values()))
    console.print(table)
    per_class = result.get("per_class")
    if per_class:
        columns = sorted({k for row in per_class.values() for k in row})
        detail = Table("class", *columns)
        for label, row in sorted(per_class.items()):
            detail.add_row(label, *(_fmt(row.get(c)) for c in columns))
        console.print(detail)
    _print_views(console, result)
    gate = result.get("gate")
    if isinstance(gate, dict) and isinstance(gate.get("metrics"), dict):
        console.print(f"[bold]gate[/bold] {gate.get('topics', '')} (n={gate.get('n')})")
        _print_views(console, {"metrics": gate["metrics"], **gate}, headline=True)
    for note in result.get("notes", []):
        console.print(f"note: {note}")


def _print_views(console: Console, result: dict[str, Any], *, headline: bool = False) -> None:
    """Other views of the same task printed beside the headline: every key holding {"n", "metrics"}."""
    views = {
        k: v for k, v in result.items() if k != "gate" and isinstance(v, dict) and isinstance(v.get("metrics"), dict)
    }
    if headline:
        views = {"headline": {"n": result.get("n"), "metrics": result["metrics"]}, **views}
    if not views:
        return
    names = sorted({k for view in views.values() for k in view["metrics"]})
    table = Table("metric", *(f"{name} (n={view.get('n')})" for name, view in views.items()))
    for name in names:
        table.add_row(name, *(_fmt(view["metrics"].get(name)) for view in views.values()))
    console.print(table)


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)
