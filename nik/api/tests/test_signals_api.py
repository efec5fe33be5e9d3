"""Signals over the API (issue 17): region-scoped for those in its network, the national queue and
table only for the knowledge centre, the small-number rule as on the pages, and lists whose query
count does not grow with their rows."""

from __future__ import annotations

import pytest

from nik.api.tests.test_network_api import get, token_for
from nik.monitoring.models import IndicatorValue
from nik.monitoring.report import last_complete_quarter
from nik.signals import actions
from nik.signals.models import Signal, Source
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


def raise_(region, user, text="Geen logeerplek.", **extra):
    return actions.do_raise(
        Signal(region=region, kind="bottleneck", theme="respite", text=text,
               source=Source.PROFESSIONAL, **extra),
        acting_user=user,
    )  # fmt: skip


def test_a_regions_signals_for_its_network_only(
    client, region, member, parent, national, other_coordinator, family, capsys
):
    raise_(region, member, family=family)
    where = f"/api/v1/regions/{region.slug}/signals"
    answer = get(client, where, token_for(member, capsys))
    (item,) = answer.json()["items"]
    assert item["text"] == "Geen logeerplek." and "family" not in item
    assert get(client, where, token_for(parent, capsys)).status_code == 404
    assert get(client, where, token_for(other_coordinator, capsys)).status_code == 404
    assert get(client, where, token_for(national, capsys)).status_code == 403
    token = token_for(member, capsys)
    get(client, where, token)  # the token's first use is noted once
    few = queries_of(lambda: get(client, where, token))
    for n in range(5):
        raise_(region, member, text=f"Nog een {n}")
    assert queries_of(lambda: get(client, where, token)) == few


def test_the_national_queue_and_table_for_the_knowledge_centre_only(
    client, region, coordinator, member, national, capsys
):
    signal = raise_(region, member)
    actions.do_pass(region, [signal], summary="Te weinig logeerplekken.", families=3, systems=["wlz"],
                    acting_user=coordinator)  # fmt: skip
    token = token_for(national, capsys)
    (item,) = get(client, "/api/v1/national/signals", token).json()["items"]
    assert (item["summary"], item["families"], item["families_suppressed"]) == (
        "Te weinig logeerplekken.", None, True,
    )  # fmt: skip
    assert "Geen logeerplek." not in str(item)
    assert (
        get(client, "/api/v1/national/signals", token_for(coordinator, capsys)).status_code == 403
    )
    IndicatorValue.objects.create(
        region=region, key="children_in_care", period_kind="quarter",
        period_start=last_complete_quarter().start, value=6.0, cases=6,
        detail={"by_category": {"1": 4, "3": 2}},
    )  # fmt: skip
    table = get(client, "/api/v1/national/indicators", token).json()
    assert set(table["children_by_category"][region.slug].values()) <= {None, 0}
    get(client, "/api/v1/national/signals", token)
    few = queries_of(lambda: get(client, "/api/v1/national/signals", token))
    for n in range(4):
        more = raise_(region, member, text=f"x{n}")
        actions.do_pass(region, [more], summary=f"Melding {n}.", families=8, systems=[],
                        acting_user=coordinator)  # fmt: skip
    assert queries_of(lambda: get(client, "/api/v1/national/signals", token)) == few
