"""A readability hint for whoever writes a survey: the Dutch Flesch–Douma score of each question,
and the things that make a question hard for parents (long sentences, long words, words the
product never uses towards parents).

Flesch–Douma (Douma 1960, Flesch's formula fitted to Dutch):
    206.84 − 0.77 × syllables per 100 words − 0.93 × words per sentence.
60 or more reads easily enough for most adults (about B1); below 45 is hard. Over one short
question the score says little, so it is given for the survey's questions together; each
question gets the flags. Syllables come from
Pyphen's Dutch hyphenation patterns (the same dictionary WeasyPrint hyphenates with).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import pyphen

B1 = 60.0
LONG_SENTENCE = 15  # words
LONG_WORD = 4  # syllables
AVOID = ("palliatie", "palliatief", "palliatieve")

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")


@cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL")


def syllables(word: str) -> int:
    return len(_dictionary().positions(word.lower())) + 1


@dataclass
class Hint:
    score: float | None
    words: int
    long_words: list[str] = field(default_factory=list)
    long_sentence: bool = False
    avoid: list[str] = field(default_factory=list)

    @property
    def flags(self) -> bool:
        """Something in this text to look at again (the score is read over the whole survey:
        over one short question it says little)."""
        return bool(self.long_words or self.long_sentence or self.avoid)


def flesch_douma(text: str) -> float | None:
    words = WORD.findall(text)
    if not words:
        return None
    sentences = max(1, len([s for s in SENTENCE_END.split(text.strip()) if WORD.search(s)]))
    per_hundred = 100 * sum(syllables(w) for w in words) / len(words)
    return round(206.84 - 0.77 * per_hundred - 0.93 * len(words) / sentences, 1)


def hint(text: str) -> Hint:
    words = WORD.findall(text)
    sentences = [s for s in SENTENCE_END.split(text.strip()) if WORD.search(s)]
    return Hint(
        flesch_douma(text),
        len(words),
        sorted({w for w in words if syllables(w) > LONG_WORD}, key=str.lower),
        any(len(WORD.findall(s)) > LONG_SENTENCE for s in sentences),
        sorted({w for w in words if w.lower().startswith(AVOID)}),
    )
