"""The shape of the code: store/ persists and queries only, and every SQL statement of the ledger is in store/.
Read from the source (every import, at module level or inside a function), so a new module is checked too."""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "newsledger"
# What store/ may never import: the pipeline, the desk, the commands, and the flows that use the store.
NOT_FOR_STORE = ("nlp", "extract", "api", "cli", "service", "resolve", "web", "ingest", "batch", "watch", "alerts")
SQL = re.compile(
    r"\b(SELECT\s.+?\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX)|ALTER\s+TABLE)\b",
    re.DOTALL,  # statements are written in capitals; prose that says "select … from" is not SQL
)
# The gazetteer builds and reads its own place index (a read-only SQLite file of GeoNames data), not the ledger.
OWN_DATABASE = ("gazetteer/build.py", "gazetteer/index.py")


def _modules() -> list[tuple[str, ast.Module]]:
    return [
        (path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(PACKAGE.rglob("*.py"))
    ]


def _imports(tree: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _sql_strings(tree: ast.Module) -> list[str]:
    return [
        node.value[:60]
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value)
    ]


def store_breaches(modules: list[tuple[str, ast.Module]]) -> list[str]:
    """store/ modules importing a layer above the store."""
    forbidden = tuple(f"newsledger.{name}" for name in NOT_FOR_STORE)
    return [
        f"{name} imports {imported}"
        for name, tree in modules
        if name.startswith("store/")
        for imported in sorted(_imports(tree))
        if imported in forbidden or imported.startswith(tuple(f"{f}." for f in forbidden))
    ]


def sql_breaches(modules: list[tuple[str, ast.Module]]) -> list[str]:
    """Modules outside store/ that import SQLAlchemy or the ledger's tables, or hold a SQL statement."""
    found = []
    for name, tree in modules:
        if name.startswith("store/"):
            continue
        imported = _imports(tree)
        database = sorted(m for m in imported if m.split(".")[0] == "sqlalchemy" or m == "newsledger.store.schema")
        found += [f"{name} imports {m}" for m in database]
        if name not in OWN_DATABASE:
            found += [f"{name} holds SQL: {text!r}" for text in _sql_strings(tree)]
    return found


def test_layering_store_imports_no_layer_above_it():
    assert store_breaches(_modules()) == []


def test_layering_sql_lives_in_store_only():
    assert sql_breaches(_modules()) == []


def test_layering_checks_catch_what_they_look_for():
    """The two checks on modules written here: each breach is found, and the allowed shapes are not."""
    source = {
        "store/bad.py": "from newsledger.nlp import load_nlp\n\ndef f():\n    import newsledger.api.app\n",
        "store/good.py": "from newsledger.model import ArticleRecord\nfrom sqlalchemy import select\n",
        "resolve/bad.py": "from sqlalchemy import select\nQ = 'SELECT id FROM events WHERE pk = 1'\n",
        "export/bad.py": "from newsledger.store import schema\n",
        "export/good.py": "TEXT = 'select the events you want from the list'\n",
        "gazetteer/index.py": "Q = 'SELECT key FROM name'\n",
    }
    modules = [(name, ast.parse(text)) for name, text in source.items()]
    assert store_breaches(modules) == [
        "store/bad.py imports newsledger.api.app",
        "store/bad.py imports newsledger.nlp",
        "store/bad.py imports newsledger.nlp.load_nlp",
    ]
    assert sql_breaches(modules) == [
        "resolve/bad.py imports sqlalchemy",
        "resolve/bad.py imports sqlalchemy.select",
        "resolve/bad.py holds SQL: 'SELECT id FROM events WHERE pk = 1'",
        "export/bad.py imports newsledger.store.schema",
    ]
