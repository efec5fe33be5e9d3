"""The admin manages regions, organisations, professionals, accounts and roles.

Family data is deliberately not in the admin: it is reached only through core/access.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import (
    ApiToken,
    AuditEvent,
    Discipline,
    Membership,
    Municipality,
    Organization,
    Professional,
    Region,
    User,
)


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
    extra = 0
    fields = ["region", "role", "ambassador", "contact_person"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "is_demo"]
    list_filter = ["is_active", "is_staff", "is_demo", "memberships__role", "memberships__region"]
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


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "region", "role", "ambassador", "contact_person"]
    list_filter = ["region", "role", "ambassador", "contact_person"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user", "region"]
    autocomplete_fields = ["user"]


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
    list_display = ["user", "label", "created_at", "last_used_at"]
    readonly_fields = ["user", "key_hash", "created_at", "last_used_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # tokens are made with `nik api-token`, which shows the secret once


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
