"""The README names every command, every eval task and every package folder, so a new one cannot land
undocumented. The lists come from the code (the command table, the eval tasks, the folders on disk)."""

from __future__ import annotations

import re

from newsledger.cli import LAZY_COMMANDS
from newsledger.cli.eval import TASKS
from tests.conftest import ROOT

README = ROOT / "README.md"
PACKAGE = ROOT / "src" / "newsledger"


def missing_from(readme: str, *, commands: list[str], tasks: list[str], folders: list[str]) -> list[str]:
    missing = [
        f"newsledger {c}" for c in commands if not re.search(rf"(^|[`\s])newsledger {re.escape(c)}\b", readme, re.M)
    ]
    missing += [f"newsledger eval {t}" for t in tasks if not re.search(rf"newsledger eval {re.escape(t)}\b", readme)]
    missing += [f"{f}/" for f in folders if not re.search(rf"`?\b{re.escape(f)}/", readme)]
    return missing


def test_docs_readme_names_every_command_eval_task_and_package_folder():
    folders = sorted(path.parent.name for path in PACKAGE.glob("*/__init__.py"))
    assert "store" in folders and "cli" in folders
    readme = README.read_text(encoding="utf-8")
    assert missing_from(readme, commands=list(LAZY_COMMANDS), tasks=list(TASKS), folders=folders) == []


def test_docs_check_reports_what_a_readme_leaves_out():
    readme = "Run `newsledger ingest PATH` and `newsledger eval ner FILE`. Layout: `store/ api/`."
    found = missing_from(readme, commands=["ingest", "serve"], tasks=["ner", "coref"], folders=["store", "web"])
    assert found == ["newsledger serve", "newsledger eval coref", "web/"]
