"""The one name check: free text that others read is checked for the names and dates of birth
of the region's families before it is saved, and text that leaves the region also for addresses,
phone numbers and e-mail addresses. Every form of such text uses `NameCheckedForm` (a test lists
the project's forms and fails for one that neither does nor is named as exempt), and the actions
behind them call `check` again, so a forged POST or another caller is checked too.

It lives in `families`, the lowest layer that knows the region's families, so that casework,
signals and every app above them use this one check; `FamiliesConfig.ready()` registers it in
`nik.core.textcheck`, so that the apps below (the roadmap, learning, the network) use it too,
through `TextCheckedForm` and `nik.core.textcheck.check` (the form, the messages and `check` are
there: one implementation).

Only words written with a capital are taken as names (so "de bakker" in a sentence is no name,
"Bakker" is); a name of up to four words is found as a whole ("de Vries", "Fatima el Amrani").
Dates are read in the ways people write them (12-3-2019, 12/03/2019, 2019-03-12, 12 maart 2019,
12 March 2019) and compared with the dates of birth of the region's children and their brothers
and sisters. The query reads only the rows whose name or date the text contains.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Concat, Lower

from nik.core.models import Region
from nik.core.textcheck import (
    IN_REGION,
    LEAVES_REGION,
    OWN_FAMILY,
    NotAnonymous,
    TextCheckedForm,
    check,
)

__all__ = [
    "IN_REGION",
    "LEAVES_REGION",
    "OWN_FAMILY",
    "NameCheckedForm",
    "NotAnonymous",
    "check",
    "found_in",
    "identifiers",
    "identifying",
    "redact",
]

from .models import Child, Family, Guardian, Sibling

# A word: letters, with the combining accents some keyboards type apart ("e" + "́"), and
# apostrophes or hyphens inside ("d'Ancona", "Jan-Willem").
LETTERS = r"(?:[^\W\d_][\u0300-\u036f]*)+"
WORD = re.compile(LETTERS + r"(?:['’-]" + LETTERS + r")*")
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "january", "jan"),
            ("februari", "february", "feb"),
            ("maart", "march", "mrt", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("augustus", "august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")
ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
WORD_DATE = re.compile(r"\b(\d{1,2})\s+([a-zA-Z]+)\.?\s+(\d{4})\b")
FAMILY_WORDS = ("familie ", "gezin ", "fam. ", "family ")
LONGEST_NAME = 4


ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _phrases(text: str) -> set[str]:
    """Runs of one to four words with at least one capital, lowercased in each way a database
    may lowercase the stored names: as Python does, letter by letter (PostgreSQL), and only A–Z
    (SQLite), so "Émile", "Özlem" or "İlayda" is found on both databases."""
    # A capital: a first letter that is not its own lowercase (upper- and titlecase letters).
    words = [(m.group(), m.group()[:1] != m.group()[:1].lower()) for m in WORD.finditer(text)]
    found: set[str] = set()
    for start in range(len(words)):
        for end in range(start + 1, min(start + LONGEST_NAME, len(words)) + 1):
            run = words[start:end]
            if any(capital for _w, capital in run) and run[-1][1]:
                written = " ".join(w for w, _c in run)
                found.add(written.lower())
                found.add(written.translate(ASCII_LOWER))
                # PostgreSQL under a libc collation lowers one letter to one letter ("İ" → "i").
                found.add("".join(c.lower()[:1] for c in written))
    return found


def _whole_names(text: str) -> set[str]:
    """Runs of two to four words, lowercased however they were written: a whole name typed
    without capitals ("mike woutersz") is still that child's name. A single lowercase word is
    not looked up (many names are also words: "roos", "bakker"); a first and last name together
    are."""
    words = [m.group() for m in WORD.finditer(text)]
    found: set[str] = set()
    for start in range(len(words)):
        for end in range(start + 2, min(start + LONGEST_NAME, len(words)) + 1):
            written = " ".join(words[start:end])
            found.add(written.lower())
            found.add(written.translate(ASCII_LOWER))
    return found


def _dates(text: str) -> dict[date, str]:
    found: dict[date, str] = {}

    def add(year: str, month: str | int | None, day: str, written: str) -> None:
        if month is None:
            return
        try:
            found[date(int(year), int(month), int(day))] = written
        except ValueError:
            return

    for m in NUMERIC_DATE.finditer(text):
        add(m.group(3), m.group(2), m.group(1), m.group())
    for m in ISO_DATE.finditer(text):
        add(m.group(1), m.group(2), m.group(3), m.group())
    for m in WORD_DATE.finditer(text):
        add(m.group(3), MONTHS.get(m.group(2).lower()), m.group(1), m.group())
    return found


def identifiers(
    region: Region, texts: Iterable[str], *, families: QuerySet[Family] | None = None
) -> list[str]:
    """The words in `texts` that are a name or a date of birth of one of the region's families
    (of `families` only, when given).

    Returned as the author wrote them (sorted, each once); never which family they belong to."""
    text = unicodedata.normalize("NFC", "\n".join(t for t in texts if t))
    phrases = _phrases(text)
    whole = _whole_names(text)
    dates = _dates(text)
    hits: set[str] = set()
    of_region = Q(family__region=region)
    if families is not None:
        of_region &= Q(family__in=families)
    if phrases or whole:
        lowered = list(phrases)
        children = (
            Child.objects.filter(of_region)
            .annotate(
                first=Lower("first_name"),
                last=Lower("last_name"),
                full=Concat(Lower("first_name"), Value(" "), Lower("last_name")),
            )
            .filter(Q(first__in=lowered) | Q(last__in=lowered) | Q(full__in=list(whole)))
            .values_list("first", "last", "full")
        )
        for first, last, full in children:
            hits.update(p for p in (first, last) if p in phrases)
            if full in whole:  # the whole name, however it was written: each of its parts
                hits.update((first, last))
        guardians = (
            Guardian.objects.filter(of_region)
            .annotate(n=Lower("name"))
            .filter(n__in=lowered + list(whole))
            .values_list("n", flat=True)
        )
        hits.update(guardians)
        siblings = (
            Sibling.objects.filter(of_region)
            .annotate(n=Lower("first_name"))
            .filter(n__in=lowered)
            .values_list("n", flat=True)
        )
        hits.update(siblings)
        family_names = lowered + [w + p for p in lowered for w in FAMILY_WORDS]
        named = Family.objects.filter(region=region)
        if families is not None:
            named = named.filter(pk__in=families.values("pk"))
        for name in (
            named.annotate(n=Lower("name")).filter(n__in=family_names).values_list("n", flat=True)
        ):
            for prefix in ("", *FAMILY_WORDS):
                if name.startswith(prefix) and name[len(prefix) :] in phrases:
                    hits.add(name[len(prefix) :])
    written = sorted(_written(text, hits))
    if dates:
        born = set(
            Child.objects.filter(of_region, date_of_birth__in=list(dates)).values_list(
                "date_of_birth", flat=True
            )
        ) | set(
            Sibling.objects.filter(of_region, date_of_birth__in=list(dates)).values_list(
                "date_of_birth", flat=True
            )
        )
        written += sorted(dates[day] for day in born if day is not None)
    return written


def _written(text: str, lowered: set[str]) -> set[str]:
    """Each hit as it stands in the text (its first occurrence)."""
    out = set()
    for hit in lowered:
        m = re.search(r"(?<!\w)" + re.escape(hit) + r"(?!\w)", text, flags=re.IGNORECASE)
        out.add(m.group() if m else hit)
    return out


# What else could identify a family once a text leaves the region --------------------------------

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
    """For a text that leaves the region: the names and dates of birth of the region's families,
    and addresses, phone numbers and e-mail addresses, as they are written (each once)."""
    texts = [t for t in texts if t]
    found = list(identifiers(region, texts))
    for text in texts:
        for pattern in (POSTCODE, STREET, PHONE, EMAIL):
            found += [m.group().strip() for m in pattern.finditer(text)]
    return list(dict.fromkeys(found))


# The check, for actions and forms ---------------------------------------------------------------

LEFT_OUT = "[…]"


def found_in(
    region: Region,
    texts: Iterable[str],
    *,
    leaves_region: bool = False,
    families: QuerySet[Family] | None = None,
) -> list[str]:
    if leaves_region:
        return identifying(region, texts)
    return identifiers(region, texts, families=families)


def redact(region: Region, text: str) -> str:
    """The text with every name and date of birth of the region's families left out ("[…]"): for
    a writer who may not learn which names are a family's (a visitor without an account)."""
    for word in sorted(identifiers(region, [text]), key=len, reverse=True):
        text = re.sub(r"(?<!\w)" + re.escape(word) + r"(?!\w)", LEFT_OUT, text, flags=re.I)
    return text


class NameCheckedForm(TextCheckedForm):
    """A form of free text that others read, in an app at or above `families`: the core's
    `TextCheckedForm` (see there for `name_checked`, `leaves_region`, `confirm_field`, `redact`
    and `families`), with this module's check, which `FamiliesConfig.ready()` registers."""
