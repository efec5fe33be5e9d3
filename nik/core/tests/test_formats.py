"""Amounts and numbers as each language writes them (issue 14, point 11)."""

from __future__ import annotations

from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from nik.core.formats import money, number


def test_money_is_written_as_the_reader_writes_it():
    with translation.override("nl"):
        assert money(Decimal("42000")) == "€ 42.000,00"
        assert money(53000.0) == "€ 53.000,00"
        assert money("8000.5") == "€ 8.000,50"
        assert number(1234567) == "1.234.567"
    with translation.override("en"):
        assert money(Decimal("42000")) == "€ 42,000.00"
        assert number(1234567) == "1,234,567"
    assert money(None) == "" and money("") == ""


def test_the_money_filter_in_a_template():
    with translation.override("nl"):
        rendered = Template("{% load nik %}{{ amount|money }}").render(
            Context({"amount": Decimal("3000")})
        )
    assert rendered == "€ 3.000,00"
