"""Actors: one per real person or group across articles, with every alias, role, quote and event."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from newsledger.api.deps import Limit, Offset, StoreDep, existing, list_page
from newsledger.api.models import ActorDetail, ActorPage
from newsledger.web.pages import render

router = APIRouter()


@router.get("/api/actors", response_model=ActorPage, tags=["actors"])
def api_actors(
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
    q: Annotated[str | None, Query(description="Part of a name or alias.", max_length=200)] = None,
    type: Annotated[str | None, Query(max_length=20)] = None,
) -> dict[str, Any]:
    """Actors across articles, with aliases and roles."""
    return list_page(store.actors(q=q, type=type, limit=limit + 1, offset=offset), limit, offset)


@router.get("/api/actors/{actor_id}", response_model=ActorDetail, tags=["actors"])
def api_actor(store: StoreDep, actor_id: int) -> dict[str, Any]:
    """One actor with aliases, roles, quotes and the events it is source or target of."""
    return existing(store.actor(actor_id), f"actor {actor_id}")


@router.get("/actors", include_in_schema=False)
def actors_page(
    request: Request,
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    return render(request, "actors.html", list_page(store.actors(q=q, limit=limit + 1, offset=offset), limit, offset))


@router.get("/actors/{actor_id}", include_in_schema=False)
def actor_page(request: Request, store: StoreDep, actor_id: int) -> Response:
    found = existing(store.actor(actor_id), f"actor {actor_id}")
    return render(request, "actor.html", {"actor": found})
