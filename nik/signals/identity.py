"""Before a signal leaves the region its text is read for what could identify a family: the names
and dates of birth of the region's families (the case discussions' check,
`nik.casework.anonymity`), and addresses, phone numbers and e-mail addresses written in it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from nik.casework.anonymity import identifiers
from nik.core.models import Region

# A Dutch postcode (1234 AB, 1234AB, 1234ab; not "2019 en"), with a house number after it or not.
POSTCODE = re.compile(r"\b[1-9]\d{3}(?:\s?[A-Z]{2}|[a-z]{2})\b(?:\s*,?\s*\d{1,5}\s?[a-zA-Z]?\b)?")
STREETS = (
    "straat|weg|laan|plein|kade|gracht|singel|dijk|hof|pad|steeg|dreef|park|plantsoen|markt|"
    "wal|veld|erf|baan|ring|allee|boulevard|street|road|lane|avenue"
)
# A street with a house number: "Dorpsstraat 12", "Lange Voorhout 3a", "van Speijkstraat 12-2".
STREET = re.compile(
    r"\b[A-Z][\w'’-]*(?:" + STREETS + r")\s+\d{1,5}(?:\s?[a-zA-Z]\b|-\d{1,4})?\b"
    r"|\b(?:[A-Z][\w'’-]+\s){1,3}\d{1,5}[a-zA-Z]?\b(?=\s*(?:,|in|te)\s+[A-Z])"
)
PHONE = re.compile(r"(?<!\d)(?:\+31\s?|0031\s?|0)(?:6[\s-]?\d{8}|\d{2,3}[\s-]?\d{6,7})(?!\d)")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


def identifying(region: Region, texts: Iterable[str]) -> list[str]:
    """The words in `texts` that could identify a family, as they are written (each once)."""
    texts = [t for t in texts if t]
    found = list(identifiers(region, texts))
    for text in texts:
        for pattern in (POSTCODE, STREET, PHONE, EMAIL):
            found += [m.group().strip() for m in pattern.finditer(text)]
    return list(dict.fromkeys(found))
