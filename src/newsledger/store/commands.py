"""Commands of the store stage (added by its issue)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the newsledger CLI."""
