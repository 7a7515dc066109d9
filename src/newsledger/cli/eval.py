"""`newsledger eval TASK PATH [--json]`: one subcommand per task, each defined in `eval/<task>.py` as `command`."""

from __future__ import annotations

import importlib
import importlib.util

import typer

from newsledger.cli import command_group

# The evaluation contract of DESIGN.md; a task appears once its module exists.
TASKS = ("ner", "geoparse", "timex", "quotes", "events", "stance", "coref", "arguments")


def register(app: typer.Typer) -> None:
    eval_app = command_group(app, "eval")
    for task in TASKS:
        module_name = f"newsledger.eval.{task}"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        eval_app.command(name=task, help=(module.command.__doc__ or "").strip())(module.command)
