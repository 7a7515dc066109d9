"""Event clusters: one real event and its reports, with each source's evidence side by side."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from newsledger.api.deps import Limit, Offset, StoreDep, bool_param, country_param, existing, list_page
from newsledger.api.models import ClusterDetail, ClusterPage
from newsledger.store import review as ledger_review
from newsledger.web.cluster import cluster_evidence
from newsledger.web.pages import render

router = APIRouter()


@router.get("/api/clusters", response_model=ClusterPage, tags=["clusters"])
def api_clusters(
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
    disputed: Annotated[str | None, Query(description="Only clusters some outlet disputes.")] = None,
    type: Annotated[str | None, Query(max_length=40)] = None,
    country: Annotated[str | None, Query(description="ISO 3166 code or name.", max_length=100)] = None,
) -> dict[str, Any]:
    """Event clusters (one real event, its reports), most reported first."""
    rows = store.clusters(
        disputed=bool_param(disputed), type=type, country=country_param(country), limit=limit + 1, offset=offset
    )
    return list_page(rows, limit, offset)


@router.get("/api/clusters/{cluster_id}", response_model=ClusterDetail, tags=["clusters"])
def api_cluster(store: StoreDep, cluster_id: int) -> dict[str, Any]:
    return existing(store.cluster(cluster_id), f"cluster {cluster_id}")


@router.get("/clusters", include_in_schema=False)
def clusters_page(request: Request, store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> Response:
    return render(request, "clusters.html", list_page(store.clusters(limit=limit + 1, offset=offset), limit, offset))


@router.get("/clusters/{cluster_id}", include_in_schema=False)
def cluster_page(request: Request, store: StoreDep, cluster_id: int) -> Response:
    found = existing(store.cluster(cluster_id), f"cluster {cluster_id}")
    data = {
        "cluster": found,
        "evidence": cluster_evidence(store, found),
        "audit": ledger_review.audit_entries(store, target=f"cluster:{cluster_id}"),
    }
    return render(request, "cluster.html", data)
