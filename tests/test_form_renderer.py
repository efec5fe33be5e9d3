"""Forms are drawn by Django's widget templates through Jinja2 (nik/core/forms.FormRenderer), and
NIK's own widget templates through Django's engine: the pages show exactly what they showed
through Django's own renderer, with choices, chosen values and error messages."""

from __future__ import annotations

import re
from pathlib import Path

import django
import jinja2
import pytest
from django.forms.renderers import get_default_renderer
from django.test import override_settings
from jinja2 import meta

from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.core.forms import FormRenderer
from nik.families.models import CareTeamMember, Inquiry

pytestmark = pytest.mark.django_db

DJANGOS = "django.forms.renderers.DjangoTemplates"


def _comparable(html: str) -> str:
    """The page without what differs on every request (CSRF tokens, CSP nonces) and without
    the white space between tags, which the two engines leave differently."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    html = re.sub(r'nonce="[^"]*"', "", html)
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


def _both_ways(send) -> tuple[str, str]:
    assert isinstance(get_default_renderer(), FormRenderer)
    ours = send()
    with override_settings(FORM_RENDERER=DJANGOS):
        djangos = send()
    assert ours.status_code == djangos.status_code == 200
    return _comparable(ours.text), _comparable(djangos.text)


def test_the_family_record_shows_its_forms_as_djangos_renderer_does(
    client, login, coordinator, region, family
):
    home = OrganizationFactory(region=region, name="Thuiszorg Rijnland")
    CareTeamMember.objects.create(
        family=family, professional=ProfessionalFactory(organization=home), role="home_care"
    )
    client = login(coordinator)
    ours, djangos = _both_ways(lambda: client.get(f"/families/{family.pk}/"))
    assert ours == djangos
    # The forms are there: the consent form's organisations, selects and a date field.
    assert 'type="radio" name="organization"' in ours and "Thuiszorg Rijnland" in ours
    assert '<select name="scope"' in ours and 'type="date" name="ends_on"' in ours
    assert '<select name="stage"' in ours and 'type="email" name="email"' in ours


def test_a_refused_referral_shows_the_same_errors_and_keeps_what_was_typed(
    client, login, coordinator, region
):
    client = login(coordinator)
    typed = {"first_name": "Noor", "last_name": "", "date_of_birth": "morgen", "source": "gp"}
    ours, djangos = _both_ways(lambda: client.post(f"/regions/{region.slug}/referrals/new/", typed))
    assert ours == djangos
    assert 'value="Noor"' in ours
    assert "Dit veld is verplicht." in ours and "Voer een geldige datum in." in ours


def test_an_answer_form_with_a_search_picker_looks_the_same(client, login, coordinator, region):
    from nik.directory.factories import make_service

    make_service(region, "Logeerhuis De Zeester")
    asked = Inquiry.objects.create(
        region=region, topic="respite", question="Logeren?", name="Sanne", email="s@example.org"
    )
    client = login(coordinator)
    ours, djangos = _both_ways(lambda: client.get(f"/regions/{region.slug}/inquiries/{asked.pk}/"))
    assert ours == djangos
    # NIK's own widget (a Django template) is drawn inside the Jinja2-drawn form.
    assert 'class="nik-picker"' in ours and "Logeerhuis De Zeester" in ours
    assert 'type="radio" name="way"' in ours


def test_djangos_form_templates_need_none_of_jinja2s_globals():
    # FormRenderer leaves Jinja2's default globals (range, dict, cycler, …) out of its
    # environment; a Django upgrade whose form templates used one would be caught here.
    env = get_default_renderer().engine.env
    assert not env.globals
    folder = Path(django.__file__).parent / "forms" / "jinja2"
    templates = list(folder.rglob("*.html"))
    assert len(templates) > 30
    defaults = set(jinja2.Environment().globals)
    for template in templates:
        used = meta.find_undeclared_variables(env.parse(template.read_text()))
        assert not used & defaults, (template, used & defaults)
