"""The words parents type for each kind of help, in Dutch and English.

Parents do not search in the wegwijzer's own words: they type "logeeropvang", "respijtzorg" or
"respite" where a service says "logeerhuis", or "verpleging thuis" for a home-care organisation.
A query word that starts with one of these roots also finds every service of that kind (besides
the services whose own text has the word). Roots are lower case and at least three letters; add
words here when the search log shows parents missing what they looked for.
"""

from __future__ import annotations

import difflib

from .models import Category

ROOTS: dict[str, tuple[str, ...]] = {
    Category.RESPITE: (
        "logeer",  # logeerhuis, logeeropvang, logeerhuizen
        "logere",  # logeren
        "respijt",
        "respite",
        "hospice",
        "kinderhospice",
        "childrens hospice",
        "opvang",
        "weekendopvang",
        "short break",
        "even rust",
        "rustmoment",
    ),
    Category.HOME_NURSING: (
        "thuiszorg",
        "kinderthuiszorg",
        "verpleg",  # verpleging, verpleger
        "verpleeg",  # verpleegkundige, verpleegkundig
        "nursing",
        "nurse",
        "home care",
        "homecare",
        "zorg thuis",
        "verzorging",
        "wijkverpleging",
    ),
    Category.SIBLINGS: ("broer", "zus", "zussen", "brus", "sibling", "brother", "sister"),
    Category.PARENTS: ("lotgeno", "ouderverenig", "oudergroep", "peer support", "parent support"),
    Category.FINANCING: (
        "geld",
        "financ",
        "pgb",
        "persoonsgebonden",
        "budget",
        "indicatie",
        "vergoed",
        "money",
        "allowance",
        "regelzaken",
    ),
    Category.PSYCHOSOCIAL: ("psycho", "gesprek", "counsel", "therap", "mental"),
    Category.SPIRITUAL: ("geestelijk", "zingeving", "spiritu", "pastor", "chaplain", "religi"),
    Category.SCHOOL: ("school", "onderwijs", "leerplicht", "education", "teacher", "leraar"),
    Category.GRIEF: ("rouw", "verlies", "overlij", "grief", "bereave", "mourn", "afscheid"),
    Category.AIDS: (
        "hulpmiddel",
        "rolstoel",
        "aanpass",
        "woningaanpass",
        "wheelchair",
        "equipment",
        "adaptation",
    ),
    Category.VOLUNTEERS: ("vrijwillig", "volunteer", "maatje", "buddy"),
}


def kinds_in(query: str) -> tuple[set[str], list[str]]:
    """The kinds of help a query names, and its words that named none (left for the text search).

    Phrases ("verpleging thuis", "short break") are read first, then each word by its root."""
    text = " ".join(query.lower().replace("'", "").split())
    kinds: set[str] = set()
    for kind, roots in ROOTS.items():
        for root in roots:
            if " " in root and root in text:
                kinds.add(kind)
                text = text.replace(root, " ")
    rest = []
    for word in text.split():
        named = {
            k for k, roots in ROOTS.items() for r in roots if " " not in r and word.startswith(r)
        }
        if named:
            kinds |= named
        else:
            rest.append(word)
    return kinds, rest


def nearest_kind(query: str) -> str | None:
    """The kind of help whose words come closest to a query that found nothing (a typing error
    such as "logeropvang"), or None when nothing is close."""
    words = [w for w in query.lower().split() if len(w) >= 4]
    best: tuple[float, str] | None = None
    for kind, roots in ROOTS.items():
        for root in roots:
            for word in words:
                score = max(
                    difflib.SequenceMatcher(None, word[:size], root).ratio()
                    for size in range(max(3, len(root) - 1), len(root) + 2)
                )
                if score >= 0.8 and (best is None or score > best[0]):
                    best = (score, kind)
    return best[1] if best else None
