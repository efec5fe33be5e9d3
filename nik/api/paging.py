"""One way to page an API list: django-ninja's limit/offset pagination, held to our limits."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from nik.core import limits
from nik.families import access as family_access


class Paged(LimitOffsetPagination):
    """``?limit=&offset=``; the answer is ``{"count": n, "items": [...]}``."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=limits.MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0, le=limits.MAX_OFFSET)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=limits.MAX_PAGE_SIZE, **kwargs)

    def rows(self, queryset: QuerySet[Any], pagination: Any) -> list[Any]:
        """The page's rows, for a subclass that does something with them before answering."""
        offset = pagination.offset
        return list(queryset[offset : offset + min(pagination.limit, self.max_limit)])


class FamiliesPaged(Paged):
    """Families on a page are shown to the caller: each is logged as a view, through the door.

    The list has no filters (its queryset is `visible_families` in order), so its `count` is the
    door's own `count_visible`, which reads a coordinator's regions from their tallies instead of
    counting every family again on each page."""

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        user = request.auth  # type: ignore[attr-defined]
        items = self.rows(queryset, pagination)
        return {
            "items": family_access.shown(user, items, "api family list"),
            "count": family_access.count_visible(user),
        }
