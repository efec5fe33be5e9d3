"""Template filters every app uses: `{% load nik %}`."""

from __future__ import annotations

from django import template

from nik.core import formats

register = template.Library()
register.filter("money", formats.money)
register.filter("number", formats.number)
register.filter("percent", formats.percent)
register.filter("signed", formats.signed)
