"""The REST API under /api/v1/, one router per app."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from .auth import BearerToken
from .casework import router as casework_router
from .core import router as core_router
from .directory import router as directory_router
from .families import public as public_router
from .families import router as families_router
from .learning import router as learning_router
from .monitoring import router as monitoring_router
from .network import router as network_router
from .roadmap import router as roadmap_router
from .signals import router as signals_router


class NikAPI(NinjaAPI):
    """The API, whose description names every error answer an operation can give.

    The handlers below answer 401, 403, 404 and 422 the same way for every operation; rather
    than repeat them on each route, the description adds them where they apply.
    """

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Problem"] = {
            "type": "object",
            "properties": {"detail": {"type": "string"}},
            "required": ["detail"],
        }
        components["Invalid"] = {
            "type": "object",
            "properties": {
                "detail": {"type": "string", "description": "What is wrong, for people."},
                "errors": {"type": "array", "items": {"type": "object"}},
            },
            "required": ["detail", "errors"],
        }
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                errors: dict[int, tuple[str, str]] = {}
                if operation.get("security"):
                    errors[401] = ("Problem", "No valid API token.")
                    errors[403] = ("Problem", "The caller's role does not allow this.")
                if "{" in path or operation.get("requestBody"):
                    errors[404] = ("Problem", "Not found, or not the caller's to see.")
                if operation.get("parameters") or operation.get("requestBody"):
                    errors[422] = ("Invalid", "A parameter or the body is not valid.")
                for status, (name, text) in errors.items():
                    responses.setdefault(
                        status,
                        {
                            "description": text,
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": f"#/components/schemas/{name}"}
                                }
                            },
                        },
                    )
        return schema


api = NikAPI(
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


def _plain(error: dict[str, Any]) -> str:
    """One refused field in the user's language: where it is, and what is wrong with it."""
    where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query", "payload"))
    ctx = error.get("ctx", {})
    kind = error.get("type", "")
    if kind in ("string_too_long", "too_long"):
        what = _("at most %(n)s characters") % {"n": ctx.get("max_length")}
    elif kind in ("less_than_equal", "less_than"):
        what = _("at most %(n)s") % {"n": ctx.get("le", ctx.get("lt"))}
    elif kind in ("greater_than_equal", "greater_than"):
        what = _("at least %(n)s") % {"n": ctx.get("ge", ctx.get("gt"))}
    elif kind == "missing":
        what = _("required")
    elif kind in ("int_parsing", "int_from_float"):
        what = _("a whole number")
    elif kind.startswith("date"):
        what = _("a date as YYYY-MM-DD")
    elif kind in ("enum", "literal_error"):
        what = _("one of: %(values)s") % {"values": ctx.get("expected", "")}
    else:
        return f"{where}: {error.get('msg', '')}"
    return _("%(field)s must be %(what)s.") % {"field": where, "what": what}


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    # pydantic's own list stays under "errors" for programs; "detail" is for people.
    errors = [
        {
            **{k: v for k, v in e.items() if k not in ("input", "ctx")},
            **({"ctx": {k: str(v) for k, v in e["ctx"].items()}} if "ctx" in e else {}),
        }
        for e in exc.errors
    ]
    return api.create_response(
        request,
        {"detail": " ".join(_plain(e) for e in errors), "errors": errors},
        status=422,
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
api.add_router("/", learning_router)
api.add_router("/", casework_router)
api.add_router("/", monitoring_router)
api.add_router("/", signals_router)
