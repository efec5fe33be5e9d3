"""Words that frighten or confuse parents, for a gentle hint to the professional who writes them
in a part of the plan that parents read (issue 14, point 3). A hint, never a block: sometimes the
word is the right one, and the professional decides.

The patterns are simple enough to mean the same in Python and in the browser's JavaScript
(`core/gentle.js` reads them from the page), so the hint while typing and the one after saving agree.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# (pattern, what to suggest). Matched case-insensitively at the start of a word.
HARD_WORDS: list[tuple[str, Any]] = [
    (
        r"palliati\w*",
        _(
            "Many parents are frightened by this word. You could write what it means for them: care that puts the quality of life first."
        ),
    ),
    (
        r"terminaa?l\w*|terminal\w*",
        _("This word frightens many parents. Say in plain words what you expect."),
    ),
    (
        r"infaust\w*",
        _("Medical jargon: say in plain words what the doctors expect."),
    ),
    (
        r"levensduurverkortend\w*|life-limiting",
        _(
            "Parents may read this for the first time here. Check it was discussed with them, and use the words they use."
        ),
    ),
    (
        r"niet[- ]reanimeren|NR-beleid|DNR\b",
        _("Write down the decision in the words used in the talk with the parents."),
    ),
]
_FOUND = [
    (re.compile(r"(?<!\w)(" + pattern + ")", re.IGNORECASE), tip) for pattern, tip in HARD_WORDS
]


def hints(*texts: str) -> list[tuple[str, str]]:
    """Each hard word found in the texts, once, as (the word as written, the suggestion)."""
    found: dict[str, tuple[str, str]] = {}
    for text in texts:
        for pattern, tip in _FOUND:
            match = pattern.search(text or "")
            if match and pattern.pattern not in found:
                found[pattern.pattern] = (match.group(1), str(tip))
    return list(found.values())


def _line() -> str:
    return gettext("Parents read this part. About “%(word)s”: %(tip)s")


def for_the_browser() -> dict[str, Any]:
    """The list as `json_script` gives it to `core/gentle.js`."""
    return {
        "line": _line(),
        "words": [{"pattern": pattern, "tip": str(tip)} for pattern, tip in HARD_WORDS],
    }


def message(found: list[tuple[str, str]]) -> str:
    """One line for after saving, for those who write without JavaScript."""
    return " ".join(_line() % {"word": word, "tip": tip} for word, tip in found)
