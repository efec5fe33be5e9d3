"""Amounts and numbers as the reader's language writes them (issue 14, point 11): Django's
localisation with grouping, so "€ 42.000,00" in Dutch and "€ 42,000.00" in English."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.formats import number_format


def money(value: Any) -> str:
    """An amount in euros with cents; an empty value stays empty."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return f"€ {number_format(amount, 2, use_l10n=True, force_grouping=True)}"


def number(value: Any, decimals: int = 0) -> str:
    """A count or measure with grouping; decimals only where asked for."""
    if value in (None, ""):
        return ""
    return number_format(value, decimals, use_l10n=True, force_grouping=True)


def percent(value: Any) -> str:
    """A share: "80%", "83,3%" (a decimal only when there is one)."""
    if value in (None, ""):
        return ""
    return f"{number(value, 1 if float(value) % 1 else 0)}%"


def signed(value: Any) -> str:
    """A difference with its sign: "+3,3", "−12"."""
    if value in (None, ""):
        return ""
    shown = number(abs(value), 1 if float(value) % 1 else 0)
    return f"+{shown}" if value > 0 else (f"−{shown}" if value < 0 else shown)
