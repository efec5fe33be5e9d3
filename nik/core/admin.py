"""The admin manages regions, organisations, professionals, accounts and roles.

Family data is deliberately not in the admin: it is reached only through core/access.py.
Parents' accounts are not either: which people are parents, and where, is family data; they
come and go through the case manager's invitation. Every change of a role or of an account's
rights made here is written to the audit log, with old and new values.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models
from django.db.models import Exists, OuterRef, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from . import audit
from .events import CoreEvent
from .forms import choice
from .models import (
    ApiToken,
    AuditEvent,
    Discipline,
    Membership,
    Municipality,
    Organization,
    Professional,
    Region,
    Role,
    User,
)

ADMIN_ROLES = [(value, label) for value, label in Role.choices if value != Role.PARENT]


def _record_membership(
    request: HttpRequest, membership: Membership, action: str, **details: Any
) -> None:
    audit.record(
        action=action,
        event=CoreEvent.ADMIN_CHANGED,
        user=request.user,  # type: ignore[arg-type]
        role="admin",
        region_id=membership.region_id,
        object_type="core.membership",
        object_id=membership.pk or "",
        purpose="admin: roles",
        details={
            "account": membership.user.email if membership.user_id else "",
            "role": membership.role,
            **details,
        },
    )


class MembershipForm(ModelForm):
    """Roles the admin may give: every role but parent (parents come by invitation)."""

    class Meta:
        model = Membership
        fields = ["user", "region", "role", "ambassador", "contact_person"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "role" in self.fields:
            choice(self, "role").choices = ADMIN_ROLES


class WorkingRoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return ADMIN_ROLES

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() in dict(ADMIN_ROLES):
            field = "role" if queryset.model is Membership else "memberships__role"
            return queryset.filter(**{field: self.value()})
        return queryset


def _parent_only() -> Any:
    """Accounts whose only roles are parent roles."""
    parent = Membership.objects.filter(user=OuterRef("pk"), role=Role.PARENT)
    other = Membership.objects.filter(user=OuterRef("pk")).exclude(role=Role.PARENT)
    return Exists(parent) & ~Exists(other)


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "hospital"]
    search_fields = ["name", "slug", "hospital"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MunicipalityInline]


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipForm
    extra = 0
    fields = ["region", "role", "ambassador", "contact_person"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        return super().get_queryset(request).exclude(role=Role.PARENT)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "is_demo"]
    list_filter = ["is_active", "is_staff", "is_demo", WorkingRoleFilter, "memberships__region"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["last_login", "date_joined", "is_demo"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name",)}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined", "is_demo")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )
    RIGHTS = ["is_active", "is_staff", "is_superuser"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return super().get_queryset(request).exclude(_parent_only()).distinct()

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        before = (
            dict(User.objects.filter(pk=obj.pk).values(*self.RIGHTS).first() or {})
            if change
            else {}
        )
        super().save_model(request, obj, form, change)
        after = {name: getattr(obj, name) for name in self.RIGHTS}
        changed = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        if changed or not change:
            audit.record(
                action="update" if change else "create",
                event=CoreEvent.ADMIN_CHANGED,
                user=request.user,  # type: ignore[arg-type]
                role="admin",
                object_type="core.user",
                object_id=obj.pk,
                purpose="admin: accounts",
                details={"account": obj.email, "rights": changed},
            )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        old = {
            m.pk: (m.region_id, m.role)
            for m in Membership.objects.filter(
                pk__in=[f.instance.pk for f in formset.forms if f.instance.pk]
            )
        }
        saved = formset.save()
        for membership in saved:
            previous = old.get(membership.pk)
            _record_membership(
                request,
                membership,
                "update" if previous else "create",
                before=list(previous) if previous else None,
            )
        for membership in formset.deleted_objects:
            _record_membership(request, membership, "delete")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    form = MembershipForm
    list_display = ["user", "region", "role", "ambassador", "contact_person"]
    list_filter = ["region", WorkingRoleFilter, "ambassador", "contact_person"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user", "region"]
    autocomplete_fields = ["user"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        return super().get_queryset(request).exclude(role=Role.PARENT)

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        previous = (
            Membership.objects.filter(pk=obj.pk).values_list("region_id", "role").first()
            if change
            else None
        )
        super().save_model(request, obj, form, change)
        _record_membership(
            request,
            obj,
            "update" if change else "create",
            before=list(previous) if previous else None,
        )

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        _record_membership(request, obj, "delete")
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        for membership in queryset.select_related("user"):
            _record_membership(request, membership, "delete")
        super().delete_queryset(request, queryset)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "kind", "region", "municipality"]
    list_filter = ["region", "kind"]
    search_fields = ["name"]
    list_select_related = ["region", "municipality"]


@admin.register(Professional)
class ProfessionalAdmin(admin.ModelAdmin):
    list_display = ["full_name", "organization", "region", "job_title"]
    list_filter = ["region", "disciplines"]
    search_fields = ["full_name", "email", "organization__name"]
    list_select_related = ["organization", "region"]
    filter_horizontal = ["disciplines"]
    autocomplete_fields = ["organization", "user"]


@admin.register(Discipline)
class DisciplineAdmin(admin.ModelAdmin):
    list_display = ["__str__", "code", "is_paramedic"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "label", "created_at", "expires_at", "last_used_at", "revoked_at"]
    readonly_fields = [
        "user",
        "key_hash",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Tokens are made with `nik api-token` or on the API tokens page, which show the key
        # once and write the audit event.
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only."""

    list_display = [
        "created_at",
        "user_email",
        "role",
        "region",
        "action",
        "object_type",
        "object_id",
        "outcome",
    ]
    list_filter = ["action", "outcome", "region"]
    search_fields = ["user_email", "object_id"]
    list_select_related = ["region"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
