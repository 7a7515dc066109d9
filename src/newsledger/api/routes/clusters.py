"""Event clusters: one real event and its reports, with each source's evidence side by side."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import Field

from newsledger.api.deps import PageQuery, Paging, StoreDep, bool_param, country_param, existing
from newsledger.api.models import ClusterDetail, ClusterPage
from newsledger.store import review as ledger_review
from newsledger.web.cluster import cluster_evidence
from newsledger.web.pages import render

router = APIRouter()


class ClusterQuery(Paging):
    disputed: str | None = Field(None, description="Only clusters some outlet disputes.")
    type: str | None = Field(None, max_length=40)
    country: str | None = Field(None, description="ISO 3166 code or name.", max_length=100)


@router.get("/api/clusters", response_model=ClusterPage, tags=["clusters"])
def api_clusters(store: StoreDep, query: Annotated[ClusterQuery, Query()]) -> dict[str, Any]:
    """Event clusters (one real event, its reports), most reported first."""
    rows = store.clusters(
        disputed=bool_param(query.disputed),
        type=query.type,
        country=country_param(query.country),
        limit=query.limit + 1,
        offset=query.offset,
    )
    return query.page_of(rows)


@router.get("/api/clusters/{cluster_id}", response_model=ClusterDetail, tags=["clusters"])
def api_cluster(store: StoreDep, cluster_id: int) -> dict[str, Any]:
    return existing(store.cluster(cluster_id), f"cluster {cluster_id}")


@router.get("/clusters", include_in_schema=False)
def clusters_page(request: Request, store: StoreDep, paging: PageQuery) -> Response:
    return render(
        request, "clusters.html", paging.page_of(store.clusters(limit=paging.limit + 1, offset=paging.offset))
    )


@router.get("/clusters/{cluster_id}", include_in_schema=False)
def cluster_page(request: Request, store: StoreDep, cluster_id: int) -> Response:
    found = existing(store.cluster(cluster_id), f"cluster {cluster_id}")
    data = {
        "cluster": found,
        "evidence": cluster_evidence(store, found),
        "audit": ledger_review.audit_entries(store, target=f"cluster:{cluster_id}"),
    }
    return render(request, "cluster.html", data)
