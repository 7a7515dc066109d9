"""A record rendered for a person reading a terminal (`extract --format table`)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from newsledger.model import ArticleRecord


def _cut(text: str | None, width: int = 70) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def print_record(record: ArticleRecord, *, console: Console | None = None) -> None:
    console = console or Console()
    article = record.article
    names = {e.id: e.name for e in record.entities}
    places = {p.id: p.name for p in record.places}
    console.print(
        f"[bold]{_cut(article.title, 90) or '(untitled)'}[/bold]  {article.outlet or ''} {article.published or ''}\n"
        f"id {article.id[:12]}…  {article.chars} characters  {record.pipeline}"
    )

    table = Table(title="Entities", show_lines=False)
    for column in ("id", "name", "type", "kind", "role", "affiliation", "mentions"):
        table.add_column(column, overflow="fold")
    for e in record.entities:
        mentions = ", ".join(sorted({m.text for m in e.mentions}))
        table.add_row(
            e.id,
            e.name,
            e.type,
            e.kind or "",
            e.role or "",
            names.get(e.affiliation or "", ""),
            f"{len(e.mentions)}: {_cut(mentions, 60)}",
        )
    console.print(table)

    if record.places:
        table = Table(title="Places")
        for column in ("id", "name", "country", "admin1", "feature", "lat", "lon", "precision", "mentions"):
            table.add_column(column)
        for p in record.places:
            table.add_row(
                p.id,
                p.name,
                p.country or "",
                p.admin1 or "",
                p.feature or "",
                f"{p.lat:.3f}" if p.lat is not None else "",
                f"{p.lon:.3f}" if p.lon is not None else "",
                str(p.precision or ""),
                str(len(p.mentions)),
            )
        console.print(table)

    if record.times:
        table = Table(title="Times")
        for column in ("text", "value", "type", "precision"):
            table.add_column(column)
        for t in record.times:
            table.add_row(t.text, t.value or "", t.type, t.precision or "")
        console.print(table)

    if record.quotes:
        table = Table(title="Quotes")
        for column in ("kind", "speaker", "cue", "text"):
            table.add_column(column, overflow="fold")
        for q in record.quotes:
            speaker = names.get(q.speaker or "", "") or (q.speaker_text or "?")
            table.add_row(q.kind, speaker, q.cue or "", _cut(q.text, 80))
        console.print(table)

    if record.events:
        table = Table(title="Events")
        for column in ("id", "type", "acled", "trigger", "source", "target", "place", "when", "status"):
            table.add_column(column, overflow="fold")
        for ev in record.events:
            table.add_row(
                ev.id,
                ev.type,
                ev.acled_subtype or "",
                ev.trigger.text,
                names.get(ev.source or "", ""),
                names.get(ev.target or "", ""),
                places.get(ev.place or "", ""),
                ev.when.value or "" if ev.when else "",
                ev.status,
            )
        console.print(table)

    if record.claims:
        table = Table(title="Claims")
        for column in ("id", "claimant", "stance", "proposition", "disputes"):
            table.add_column(column, overflow="fold")
        for c in record.claims:
            claimant = names.get(c.claimant, c.claimant)
            table.add_row(c.id, claimant, c.stance, _cut(c.proposition, 70), ", ".join(c.disputes))
        console.print(table)
