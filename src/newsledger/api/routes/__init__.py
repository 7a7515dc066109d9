"""The desk's routes, one module per kind of thing: each holds its JSON API (`/api/…`) and its pages (each page
also JSON with `?format=json`) as an APIRouter; `create_app` includes them in ROUTERS order."""

from newsledger.api.routes import (
    actors,
    alerts,
    articles,
    claims,
    clusters,
    events,
    review,
    search,
    site,
)

ROUTERS = (
    articles.router,
    events.router,
    review.router,
    clusters.router,
    claims.router,
    actors.router,
    search.router,
    site.router,
    alerts.router,
)
