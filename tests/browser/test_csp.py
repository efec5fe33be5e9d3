"""Every kind of page under the strict Content-Security-Policy, in a real browser: no violation.

The policy forbids inline script and style elements; a page that still has one shows a
"Refused to …" error in the console and fires a securitypolicyviolation event.
"""

from __future__ import annotations

import pytest

from nik.core.models import User
from nik.families.models import Family
from nik.home import demo

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile || ''}:${e.lineNumber || ''}`));
"""


def _watch(page) -> list[str]:
    errors: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and "Content Security Policy" in m.text
            else None
        ),
    )
    return errors


def _with_test_password(email: str) -> User:
    from nik.core.factories import PASSWORD

    user = User.objects.get(email=email)
    user.set_password(PASSWORD)
    user.save()
    return user


def _visit(page, paths: list[str], errors: list[str]) -> list[str]:
    found = []
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.status < 400, path
        assert "script-src" in response.headers["content-security-policy"]
        assert "geolocation=(self)" in response.headers["permissions-policy"]
        page.wait_for_load_state("networkidle")
        found += [f"{path}: {v}" for v in page.evaluate("window.__violations || []")]
        found += [f"{path}: {e}" for e in errors]
        errors.clear()
    return found


def test_public_pages_have_no_csp_violation(page, transactional_db):
    demo.load()
    errors = _watch(page)
    assert (
        _visit(
            page,
            [
                "/accounts/login/",
                "/wegwijzer/?q=logeren",
                "/regions/holland-rijnland/wegwijzer/",
                "/regions/holland-rijnland/contact/",
                "/api/v1/docs",
            ],
            errors,
        )
        == []
    )


def test_every_page_type_of_a_coordinator_has_no_csp_violation(
    page, transactional_db, login_via_browser
):
    demo.load()
    coordinator = _with_test_password("coordinator@holland-rijnland.example")
    family = Family.objects.filter(portal_users__email="parent@holland-rijnland.example").get()
    errors = _watch(page)
    login_via_browser(page, coordinator)
    hr = "/regions/holland-rijnland"
    found = _visit(
        page,
        [
            "/",
            f"{hr}/",
            f"/families/{family.pk}/",
            f"/families/{family.pk}/plan/",
            f"/families/{family.pk}/plan/edit/domain-physical/",
            f"/families/{family.pk}/access-log/",
            f"{hr}/referrals/",
            f"{hr}/inquiries/",
            f"{hr}/network/organizations/",
            f"{hr}/network/stakeholders/",
            f"{hr}/network/graph/",
            f"{hr}/network/gaps/",
            f"{hr}/roadmap/",
            f"{hr}/roadmap/milestones/",
            f"{hr}/roadmap/plan/",
            f"{hr}/roadmap/agreement/",
            f"{hr}/roadmap/events/",
            f"{hr}/wegwijzer/manage/",
        ],
        errors,
    )
    assert found == []


def test_the_admin_and_the_second_factor_pages_have_no_csp_violation(
    page, transactional_db, login_via_browser
):
    demo.load()
    admin = _with_test_password("admin@nik.example")
    errors = _watch(page)
    login_via_browser(page, admin)
    found = _visit(
        page,
        ["/admin/", "/admin/core/user/", "/admin/core/region/1/change/", "/accounts/2fa/"],
        errors,
    )
    assert found == []
