"""`{% load small_numbers %}`: a cell of a table with totals as it is written (`small.in_table`)."""

from __future__ import annotations

from django import template

from nik.monitoring import small

register = template.Library()
register.filter("in_table", small.in_table)
