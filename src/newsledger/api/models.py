"""Response and request models of the JSON API (they document the OpenAPI schema; extra columns pass through)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Page(Open):
    total: int | None = Field(
        description="Rows matching the filters (all pages). Lists that are not counted (articles, clusters, actors, "
        "quotes, places, audit) give it on their last page only, and null while a next page exists."
    )
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page, or null on the last page.")


class ArticleSummary(Open):
    id: str = Field(description="sha256 of the normalized text")
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    first_line: str = Field("", description="The text's first line: what an untitled report is listed by.")
    published: str | None = None
    chars: int


class ArticlePage(Page):
    items: list[ArticleSummary]


class EventOut(Open):
    pk: int = Field(description="Key of this report of an event (use it to review).")
    article_id: str
    id: str = Field(description="Event id within its article's record.")
    type: str = Field(description="PLOVER event type (corrected value when reviewed).")
    trigger_text: str
    event_date: str | None = None
    status: str
    source_name: str | None = None
    target_name: str | None = None
    location: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    fatalities: int | None = None
    acled_type: str | None = Field(default=None, description="ACLED event type, for the types ACLED codes.")
    acled_subtype: str | None = Field(default=None, description="ACLED sub-event type.")
    outlet: str | None = None
    cluster_id: int | None = None
    review_status: str | None = Field(default=None, description="confirmed, corrected or rejected; null if unreviewed")
    pipeline_values: dict[str, Any] | None = Field(
        default=None, description="When corrected: what the pipeline had said of each corrected field."
    )


class Facet(BaseModel):
    value: Any
    n: int


class EventPage(Page):
    items: list[EventOut]
    facets: dict[str, list[Facet]] = Field(description="Counts by type, status, country and outlet under the filters.")


class ClusterOut(Open):
    id: int
    type: str
    date_min: str | None = None
    date_max: str | None = None
    country: str | None = None
    location: str | None = None
    n_reports: int
    n_outlets: int
    n_disputing_outlets: int
    status: str


class ClusterDetail(ClusterOut):
    events: list[EventOut]


class ClusterPage(Page):
    items: list[ClusterOut]


class ClaimBrief(Open):
    pk: int
    article_id: str
    id: str
    claimant_name: str | None = None
    stance: str
    proposition: str
    outlet: str | None = None
    published: str | None = None


class ClaimOut(ClaimBrief):
    evidence: list[dict[str, Any]]
    disputes: list[ClaimBrief] = Field(description="Claims this claim contradicts.")
    disputed_by: list[ClaimBrief] = Field(description="Claims that contradict this claim.")


class ClaimPage(Page):
    items: list[ClaimOut]


class ActorOut(Open):
    id: int
    name: str
    type: str | None = None
    aliases: list[str]
    roles: list[str]
    n_articles: int
    n_mentions: int


class QuoteOut(Open):
    pk: int
    article_id: str
    text: str
    kind: str
    speaker_name: str | None = None
    speaker_text: str | None = None
    outlet: str | None = None
    published: str | None = None


class ActorDetail(ActorOut):
    quotes: list[QuoteOut]
    events: list[EventOut]


class ActorPage(Page):
    items: list[ActorOut]


class QuotePage(Page):
    items: list[QuoteOut]


class PlaceOut(Open):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class PlacePage(Page):
    items: list[PlaceOut]


class SnippetPart(BaseModel):
    text: str
    hit: bool


class SearchHit(Open):
    id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    snippet: str | None = None
    snippet_parts: list[SnippetPart] = []


class SearchOut(BaseModel):
    q: str
    articles: list[SearchHit]
    quotes: list[QuoteOut]
    actors: list[ActorOut]


class TimelineBar(BaseModel):
    day: str
    type: str
    n: int


class TimelineOut(BaseModel):
    days: list[str]
    types: list[str]
    counts: list[TimelineBar]


class AuditEntry(BaseModel):
    id: int
    at: dt.datetime
    who: str
    action: str
    target: str
    before: Any = None
    after: Any = None


class AuditPage(Page):
    items: list[AuditEntry]


def _blank_is_none(value: Any) -> Any:
    """An empty or blank string clears a field, as the review form sends it."""
    return None if isinstance(value, str) and not value.strip() else value


Number = Annotated[float | None, BeforeValidator(_blank_is_none)]


class Corrections(BaseModel):
    """The fields an analyst may correct, each as a column of the events row. A field left out is unchanged;
    null (or an empty string) clears it, except type and status. Values are checked against their vocabulary
    and range when the review is applied (a refused value is a 422 naming its field)."""

    model_config = ConfigDict(extra="forbid")
    type: str | None = Field(None, description="PLOVER event type, such as ASSAULT or PROTEST (any case).")
    source_name: str | None = Field(None, description="Who did it.")
    target_name: str | None = Field(None, description="Whom it was done to.")
    location: str | None = Field(None, description="Where: the place's name.")
    country: str | None = Field(None, description="ISO 3166 code or the country's name.")
    admin1: str | None = Field(None, description="First-level division (province, state).")
    lat: Number = Field(None, description="Latitude, -90 to 90.")
    lon: Number = Field(None, description="Longitude, -180 to 180.")
    event_date: str | None = Field(None, description="YYYY-MM-DD.")
    status: str | None = Field(None, description="reported, claimed, denied, … (the record's event statuses).")
    fatalities: Annotated[int | None, BeforeValidator(_blank_is_none)] = Field(
        None, description="Deaths this report gives, a whole number from 0."
    )
    acled_type: str | None = Field(None, description="ACLED event type (ACLED's own name, any case).")
    acled_subtype: str | None = Field(
        None, description="ACLED sub-event type; it brings its event type, and one under another type is refused."
    )


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["confirm", "correct", "reject"]
    corrections: Corrections = Field(
        default_factory=Corrections,  # type: ignore[arg-type]  # (mypy sees no pydantic plugin here)
        description="Corrected fields (for `correct`).",
    )


class ReviewOut(BaseModel):
    event_pk: int
    state: dict[str, Any] = Field(description="The event's reviewable fields after the change, with `review`.")
    cluster: dict[str, Any] | None = Field(
        None,
        description="When the review re-resolved the event's cluster (a rejection, a corrected type, place, date or "
        "status): {event_pk, before, after}, each {cluster_id, cluster_reports, cluster_outlets}.",
    )


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    other: int = Field(description="Cluster merged into this one (and removed).")


class SplitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event_pks: list[int] = Field(min_length=1, description="Events moved into a new cluster.")


class ClusterState(BaseModel):
    id: int
    key: str
    type: str
    events: list[int]
