"""Names in Dutch order: "de Kale" under K, "van der Laarse" under L (issue 30).

Dutch telephone books and registers sort a surname on its main part and leave the
tussenvoegsel ("de", "van", "van der", "ten", …) behind it. A list that pages through the
database (keyset paging) needs the order in a column, so a model keeps this key beside the name.
"""

from __future__ import annotations

import unicodedata

# Words a Dutch (and a few Flemish and German) tussenvoegsel is made of; "'t" and "d'" too.
PARTICLES = frozenset(
    {
        "van", "de", "den", "der", "het", "'t", "ten", "ter", "te", "in", "op", "uit", "aan",
        "bij", "onder", "over", "voor", "von", "vom", "zu", "zum", "d'", "l'",
    }
)  # fmt: skip

# Words a family's name may start with ("Gezin de Kale"), sorted past as well.
HOUSEHOLD_WORDS = frozenset({"gezin", "familie", "fam.", "fam"})


def _plain(text: str) -> str:
    """Lower case without accents, so "Özdemir" sorts with "Ozdemir" on every database."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def sort_key(name: str) -> str:
    """The key a name sorts by: main part first, the tussenvoegsel after it.

    >>> [sort_key(n) for n in ("Gezin de Kale", "Gezin van der Laarse", "Gezin Woutersz")]
    ['kale de', 'laarse van der', 'woutersz']
    """
    words = _plain(name).replace("’", "'").split()
    while len(words) > 1 and words[0] in HOUSEHOLD_WORDS:
        words = words[1:]
    particles = []
    while len(words) > 1 and words[0] in PARTICLES:
        particles.append(words.pop(0))
    if len(words) == 1 and words[0][:2] in ("d'", "l'") and len(words[0]) > 2:
        # d'Ancona sorts under A.
        particles.append(words[0][:2])
        words[0] = words[0][2:]
    return " ".join(words + particles)
