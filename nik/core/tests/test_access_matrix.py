"""Every URL of the project, opened by an anonymous visitor.

Anonymous visitors get the login page, 401 or 403 — except the pages listed as public here.
Later issues add URLs; this test walks them all, so a forgotten login check fails it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

pytestmark = pytest.mark.django_db

# URL names anyone may open without an account.
PUBLIC = {
    "healthz",
    # The site's icon, which browsers ask for on every site.
    "favicon",
    "set_language",
    # allauth's ways in: login, passkey login, password reset, the (closed) sign-up page.
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_logout",
    "account_inactive",
    "account_email_verification_sent",
    "account_confirm_email",
    "account_login_code_confirm",
    "account_request_login_code",
    "mfa_login_webauthn",
    "mfa_signup_webauthn",
    "mfa_authenticate",
    "mfa_trust",
    # The public front (the start page for people who are logged in), the contact page and each
    # network's public page.
    "home",
    "public_contact",
    "network_page",
    # Each region's contact page, and the invitation link from the e-mail (checks its own key).
    "families:contact",
    "families:invitation",
    "api:ask",
    # The wegwijzer is public: pages, an entry on paper, booklet, the owner's confirmation link, HSDS and FHIR reading.
    "directory:national",
    "directory:regional",
    "directory:service",
    "directory:confirm",
    "directory:booklet",
    "directory:service_pdf",
    "api:services",
    "hsds_services",
    "hsds_service",
    "hsds_organizations",
    "fhir_healthcareservice",
    # FHIR's CapabilityStatement (no data in it).
    "fhir_metadata",
    # A survey's single-use link (checks its own token; answers need no account).
    "monitoring:survey",
    # A mirror-conversation invitation's link: a parent says yes or no (checks its own token).
    "casework:answer",
    # "Loop je ergens tegenaan?" on the public site: a signal without an account.
    "signals:public",
    # The API's own description (no data in it).
    "api:openapi-json",
    "api:openapi-view",
    # The bare API prefix: no view behind it, a plain 404.
    "api:api-root",
}

SAMPLES = {
    "slug": "holland-rijnland",
    "pk": "1",
    "id": "1",
    "object_id": "1",
    "app_label": "core",
    "model_name": "user",
    "key": "abc",
    "uidb36": "1",
    "content_type_id": "1",
}


def _walk(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for item in patterns:
        if isinstance(item, URLResolver):
            ns = f"{namespace}{item.namespace}:" if item.namespace else namespace
            yield from _walk(item.url_patterns, prefix + str(item.pattern), ns)
        elif isinstance(item, URLPattern):
            yield prefix + str(item.pattern), f"{namespace}{item.name or item.lookup_str}"


def _concrete(pattern: str) -> str:
    def route_param(match: re.Match[str]) -> str:
        return SAMPLES.get(match.group(2), "1" if match.group(1) == "int" else "x")

    def regex_group(match: re.Match[str]) -> str:
        name, body = match.group(1), match.group(2)
        if name in SAMPLES:
            return SAMPLES[name]
        return re.sub(r"[\\^$]", "", body.split("|")[0]).replace(".+", "x").replace("[^/]+", "x")

    path = re.sub(r"\(\?P<(\w+)>([^)]*)\)", regex_group, pattern)
    path = re.sub(r"<(?:(\w+):)?(\w+)>", route_param, path)
    path = re.sub(r"\(\?:([^)]*)\)\??", lambda m: m.group(1).split("|")[0], path)
    # Strip regex anchors, but keep a literal "$" of a FHIR operation such as $everything.
    path = re.sub(r"\$(?![A-Za-z])", "", path.replace("^", "")).replace("\\Z", "").replace("\\", "")
    return "/" + path


def all_urls() -> list[tuple[str, str]]:
    return sorted(
        {(_concrete(pattern), name) for pattern, name in _walk(get_resolver().url_patterns)}
    )


def test_every_url_pattern_resolves_to_a_concrete_path():
    unresolved = []
    for path, name in all_urls():
        try:
            resolve(path)
        except Resolver404:
            unresolved.append((name, path))
    assert unresolved == []


@pytest.mark.parametrize(("path", "name"), all_urls(), ids=lambda v: str(v))
def test_anonymous_visitor_gets_the_login_page_or_a_refusal(client, path, name):
    if name in PUBLIC or path.startswith("/static/"):
        response = client.get(path)
        assert response.status_code < 500, f"{name} {path}"
        return
    response = client.get(path, follow=True)
    if response.status_code == 405:  # an endpoint for POST only: knock with a POST
        response = client.post(path, follow=True)
    final = response.request["PATH_INFO"]
    assert response.status_code in (401, 403) or final == "/accounts/login/", (
        f"{name} ({path}) answered {response.status_code} at {final}"
    )
