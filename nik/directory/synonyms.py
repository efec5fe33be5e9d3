"""The words parents type for each kind of help, in Dutch and English.

Parents do not search in the wegwijzer's own words: they type "logeeropvang", "respijtzorg" or
"respite" where a service says "logeerhuis", or "verpleging thuis" for a home-care organisation.
A query word that starts with one of these roots also finds every service of that kind (besides
the services whose own text has the word). Roots are lower case and at least three letters; add
words here when the search log shows parents missing what they looked for.

Words that name no kind of their own ("oppas", "taxi", "praten") are in GROUPS: a word of a group
also looks for the group's other words in the services' texts. What parents type, and what each
word must find, is in data/parent_words.csv (one test per word). The stemmer does not see Dutch
compounds and separable verbs, so the index also holds what a text says in other words
(`also_said`: "om op te passen" holds "oppassen", "rolstoeltaxi" holds "taxi"), and a typed
compound that names nothing is read by its tail ("regiotaxi" as "taxi").
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata

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
        "kosten",
        "betal",  # betalen, betaald
        "eigen bijdrage",
        "toeslag",
        "uitkering",
    ),
    Category.PSYCHOSOCIAL: (
        "psycho",
        "gesprek",
        "counsel",
        "therap",
        "mental",
        "maatschappelijk",  # maatschappelijk werk(er)
        "social work",
    ),
    Category.SPIRITUAL: (
        "geestelijk",
        "zingeving",
        "spiritu",
        "pastor",
        "chaplain",
        "religi",
        "dominee",
        "imam",
        "priester",
        "rabbijn",
        "humanist",
        "geloof",
        "levensvra",  # levensvragen
    ),
    Category.SCHOOL: (
        "school",
        "onderwijs",
        "leerplicht",
        "education",
        "teacher",
        "leraar",
        "leerling",
        "juf",
    ),
    Category.GRIEF: (
        "rouw",
        "verlies",
        "overlij",
        "grief",
        "bereave",
        "mourn",
        "afscheid",
        "verdriet",
        "begrafenis",
        "begraven",
        "uitvaart",
        "crematie",
        "cremeren",
        "funeral",
    ),
    Category.AIDS: (
        "hulpmiddel",
        "rolstoel",
        "aanpass",
        "woningaanpass",
        "wheelchair",
        "equipment",
        "adaptation",
        "tillift",
        "traplift",
        "buggy",
    ),
    Category.VOLUNTEERS: ("vrijwillig", "volunteer", "maatje", "buddy"),
}

# Words that mean the same to a parent looking for help, where no kind of help stands for them
# all: a typed word that starts with one of a group's words also looks for the others in the
# services' texts (each as the start of a word, stemmed as the index is).
GROUPS: tuple[tuple[str, ...], ...] = (
    ("oppas", "babysit"),
    ("vervoer", "taxi", "rolstoelbus", "transport"),
    ("praten", "praat", "gesprek", "talk"),
    ("nachtzorg", "nacht", "night"),
    ("fysio", "physio"),
    ("ergo",),
    ("voeding", "sondevoed", "sonde", "dietist", "feeding", "tube"),
    ("dagbesteding", "dagcentrum", "dagverblijf", "dagopvang", "daycare"),
    ("vakantie", "holiday", "vacation"),
    ("begrafenis", "uitvaart", "crematie", "funeral"),
)

# Little words a Dutch verb is split from: "om op te passen" is "oppassen" to a parent.
PARTICLES = (
    "aan",
    "af",
    "bij",
    "door",
    "in",
    "langs",
    "mee",
    "na",
    "om",
    "op",
    "over",
    "samen",
    "terug",
    "toe",
    "uit",
    "voor",
    "weg",
)
# Words whose tail only looks like a word parents type.
NOT_COMPOUNDS = frozenset({"mevrouw", "mevrouwen"})


def fold(text: str) -> str:
    """Lower case without accents: parents type "dietist" for "diëtist"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def joined(words: list[str]) -> list[str]:
    """Separable verbs written apart, joined: ["om", "op", "te", "passen"] → ["om", "oppassen"]."""
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 2 < len(words) and words[i] in PARTICLES and words[i + 1] == "te":
            out.append(words[i] + words[i + 2])
            i += 3
        else:
            out.append(words[i])
            i += 1
    return out


def also_said(words: list[str]) -> list[str]:
    """What a text's words also say, for the index: separable verbs joined ("op te passen":
    "oppassen"), past participles without their "ge" ("opgepast": "oppast"), and the tails of
    compounds that are words parents type ("rolstoeltaxi": "taxi", "kinderthuiszorg":
    "thuiszorg")."""
    extra = [w for w in joined(words) if w not in words]
    for word in words:
        extra += _participle(word) + tails(word)
    return extra


@functools.lru_cache(maxsize=50_000)
def _participle(word: str) -> list[str]:
    for particle in PARTICLES:
        if word.startswith(particle + "ge") and len(word) >= len(particle) + 5:
            return [particle + word[len(particle) + 2 :]]
    return []


@functools.lru_cache(maxsize=50_000)
def tails(word: str) -> list[str]:
    """The ends of a compound that begin with a word parents type, as words of their own. The
    part before has at least three letters ("vrouw" holds no "rouw")."""
    if len(word) < 7 or word in NOT_COMPOUNDS:
        return []
    return [word[m.start() :] for m in _heads().finditer(word) if m.start() >= 3]


@functools.cache
def _heads() -> re.Pattern[str]:
    words = {r for roots in ROOTS.values() for r in roots} | {w for g in GROUPS for w in g}
    heads = sorted((w for w in words if " " not in w and len(w) >= 4), key=len, reverse=True)
    return re.compile("(?=(?:" + "|".join(map(re.escape, heads)) + "))")


def _kinds_of(word: str) -> set[str]:
    return {k for k, roots in ROOTS.items() for r in roots if " " not in r and word.startswith(r)}


def _group_of(word: str) -> tuple[str, ...]:
    return tuple(w for g in GROUPS if any(word.startswith(x) for x in g) for w in g)


def _names_something(word: str) -> bool:
    return bool(_kinds_of(word) or _group_of(word))


def readings(word: str) -> list[str]:
    """The words a typed word stands for in the services' texts: itself, its group's words, the
    tails of a compound that are in a group, with their group ("regiotaxi", "rolstoeltaxi":
    "taxi", "vervoer", …), and when the word itself names nothing, its other tails too. (The
    tail of "fysiotherapie" is not read as "therapie": that would find the psychologists.)"""
    found = [word, *_group_of(word)]
    alone = not _names_something(word)
    for tail in tails(word):
        group = _group_of(tail)
        if group or alone:
            found += [tail, *group]
    return list(dict.fromkeys(found))


def kinds_in(query: str) -> tuple[set[str], list[str]]:
    """The kinds of help a query names, and its words that named none (left for the text search).

    Phrases ("verpleging thuis", "short break") are read first, then each word by its root, and
    a compound that names nothing by its tails ("kinderverpleegkundige")."""
    text = " ".join(fold(query).replace("'", "").split())
    kinds: set[str] = set()
    for kind, roots in ROOTS.items():
        for root in roots:
            if " " in root and root in text:
                kinds.add(kind)
                text = text.replace(root, " ")
    rest = []
    for word in text.split():
        named = _kinds_of(word)
        if not named and not _group_of(word):
            named = {k for tail in tails(word) for k in _kinds_of(tail)}
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
