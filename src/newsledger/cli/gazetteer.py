"""`newsledger gazetteer build|lookup`: the embedded place index."""

from __future__ import annotations

from typing import Annotated

import typer

from newsledger.cli import command_group


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the newsledger CLI."""
    gazetteer_app = command_group(app, "gazetteer")

    @gazetteer_app.command("build")
    def build(
        if_missing: Annotated[bool, typer.Option("--if-missing", help="Do nothing when the index exists.")] = False,
        force: Annotated[bool, typer.Option("--force", help="Rebuild even when the index exists.")] = False,
    ) -> None:
        """Build the index (once per machine; $NEWSLEDGER_DATA_DIR or the per-user cache folder)."""
        from newsledger.gazetteer.build import describe, ensure_index, index_path

        if index_path().exists() and not force:
            if not if_missing:
                typer.echo(f"{index_path()} exists; --force rebuilds it")
            return
        path, seconds = ensure_index(force=force)
        info = describe(path)
        built = f" in {seconds:.1f} s" if seconds is not None else ""
        places = ", ".join(f"{count} {feature}" for feature, count in sorted(info["places"].items()))
        typer.echo(f"{path}: {info['bytes'] / 1e6:.0f} MB, {places}, {info['names']} names{built}")

    @gazetteer_app.command("lookup")
    def lookup(
        name: Annotated[str, typer.Argument(help="A place name, in any spelling.")],
        limit: Annotated[int, typer.Option(help="Show at most this many candidates.")] = 10,
    ) -> None:
        """Show the candidates for a name, most prominent first, with their prior scores."""
        from newsledger.gazetteer.index import get_gazetteer
        from newsledger.gazetteer.resolve import Context, candidates_for, score_candidate

        gazetteer = get_gazetteer()
        candidates, hint, looked_up = candidates_for(gazetteer, name)
        if not candidates:
            typer.echo(f"no place named {name!r}")
            raise typer.Exit(1)
        scored = sorted(
            ((score_candidate(c, hint=hint, context=Context(), container=None, anchors=()), c) for c in candidates),
            key=lambda pair: -pair[0],
        )
        if looked_up != name or hint:
            typer.echo(f"looked up {looked_up!r}" + (f" as {hint}" if hint else ""))
        for score, c in scored[:limit]:
            where = ", ".join(x for x in (c.admin2, c.admin1, c.country) if x and x != c.name)
            point = f"{c.lat:.4f},{c.lon:.4f}" if c.lat is not None and c.lon is not None else "no point"
            typer.echo(
                f"{score:6.2f}  {c.name} ({c.feature}{', ' + where if where else ''}) geonameid={c.geonameid} "
                f"{point} pop={c.population} match={c.match}"
            )
