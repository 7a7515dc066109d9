"""Actors: one per real person or group across articles, with every alias, role, quote and event."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import Field

from newsledger.api.deps import Paging, StoreDep, existing
from newsledger.api.models import ActorDetail, ActorPage
from newsledger.web.pages import render

router = APIRouter()


class ActorQuery(Paging):
    q: str | None = Field(None, description="Part of a name or alias.", max_length=200)
    type: str | None = Field(None, max_length=20)


@router.get("/api/actors", response_model=ActorPage, tags=["actors"])
def api_actors(store: StoreDep, query: Annotated[ActorQuery, Query()]) -> dict[str, Any]:
    """Actors across articles, with aliases and roles."""
    return query.page_of(store.actors(q=query.q, type=query.type, limit=query.limit + 1, offset=query.offset))


@router.get("/api/actors/{actor_id}", response_model=ActorDetail, tags=["actors"])
def api_actor(store: StoreDep, actor_id: int) -> dict[str, Any]:
    """One actor with aliases, roles, quotes and the events it is source or target of."""
    return existing(store.actor(actor_id), f"actor {actor_id}")


@router.get("/actors", include_in_schema=False)
def actors_page(request: Request, store: StoreDep, query: Annotated[ActorQuery, Query()]) -> Response:
    return render(request, "actors.html", api_actors(store, query))


@router.get("/actors/{actor_id}", include_in_schema=False)
def actor_page(request: Request, store: StoreDep, actor_id: int) -> Response:
    found = existing(store.actor(actor_id), f"actor {actor_id}")
    return render(request, "actor.html", {"actor": found})
