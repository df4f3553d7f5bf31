"""The JSON API at /api/v1/, one router per domain area."""

from __future__ import annotations

from amparo.api import (
    advocacy,
    cases,
    courts,
    custody,
    deadlines,
    documents,
    exchange,
    intake,
    organisation,
    people,
    relief,
    reports,
    workspace,
)
from amparo.api.auth import API_AUTH
from amparo.api.errors import install_error_handlers
from amparo.api.idempotency import install_idempotency
from amparo.api.openapi import AmparoAPI

api = AmparoAPI(
    title="Amparo API",
    version="1",
    urls_namespace="api",
    auth=API_AUTH,
    docs_url=None,  # the interactive docs page loads scripts from a CDN; Amparo works offline
    openapi_url="/openapi.json",
)
install_error_handlers(api)
install_idempotency(api)
api.add_router("", people.router)
api.add_router("", cases.router)
api.add_router("", relief.router)
api.add_router("", custody.router)
api.add_router("", courts.router)
api.add_router("", deadlines.router)
api.add_router("", documents.router)
api.add_router("", reports.router)
api.add_router("", exchange.router)
api.add_router("", advocacy.router)
api.add_router("", intake.router)
api.add_router("", workspace.router)
api.add_router("", organisation.router)
