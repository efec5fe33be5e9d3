"""The REST API under /api/v1/, one router per app."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from .auth import BearerToken
from .core import router as core_router
from .directory import router as directory_router
from .families import public as public_router
from .families import router as families_router
from .network import router as network_router
from .roadmap import router as roadmap_router

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


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": _("Your role does not allow this.")}, status=403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("Not found, or not yours to see.")}, status=404
    )


api.add_router("/", core_router)
api.add_router("/", network_router)
api.add_router("/", roadmap_router)
api.add_router("/", families_router)
api.add_router("/", public_router)
api.add_router("/", directory_router)
