"""The REST API under /api/v1/, one router per app."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from .auth import BearerToken
from .core import router as core_router
from .network import router as network_router

api = NinjaAPI(
    title="NIK API",
    version="1",
    description="API of the Netwerken Integrale Kindzorg. Authenticate with `Authorization: Bearer <token>`.",
    auth=BearerToken(),
    urls_namespace="api",
)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": _("Not logged in: send a valid API token as 'Authorization: Bearer <token>'.")},
        status=401,
    )


api.add_router("/", core_router)
api.add_router("/", network_router)
