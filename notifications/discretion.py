"""Words a message must never contain: anything that tells what someone's care is about.

A reminder read on a shared screen or a locked phone's preview must not say "hypnotherapy" or
"burn-out". `find_sensitive` looks for the words of the care vocabulary below and those of the
catalogue (therapy, concern and domain titles, in every language; see
`notifications.selectors.catalogue_words`), ignoring case and accents.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

#: Care vocabulary in French and English. A trailing "*" matches any ending
#: ("psycho*": psychologue, psychotherapy...).
CARE_WORDS = (
    "therap*",
    "sophrolog*",
    "hypno*",
    "psych*",
    "EFT",
    "TCC",
    "CBT",
    "naturopath*",
    "nutrition*",
    "dieteti*",
    "dietitian*",
    "coaching",
    "stress*",
    "burn-out",
    "burnout",
    "phobi*",
    "anxi*",
    "angoisse*",
    "depress*",
    "addict*",
    "trauma*",
    "insomni*",
    "deuil",
    "grief",
    "sommeil",
    "sleep disorder*",
    "eating disorder*",
    "trouble* alimentaire*",
    "kinesiolog*",
    "meditation*",
    "mindfulness",
    "pleine conscience",
    "EMDR",
    "reflexolog*",
    "acupunct*",
    "osteopath*",
    "relaxation*",
)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=64)
def _pattern(words: tuple[str, ...]) -> re.Pattern:
    parts = []
    for word in words:
        pieces = [
            re.escape(piece.rstrip("*")) + (r"\w*" if piece.endswith("*") else "")
            for piece in _plain(word).split()
        ]
        if pieces:
            parts.append(r"\s+".join(pieces))
    if not parts:
        return re.compile(r"(?!)")
    return re.compile(r"(?<![\w])(" + "|".join(parts) + r")(?![\w])")


def find_sensitive(text: str, extra_words: Iterable[str] = ()) -> list[str]:
    """The sensitive words found in `text`, as written there (empty when discreet)."""
    words = tuple(sorted({*CARE_WORDS, *(word for word in extra_words if word)}))
    plain = _plain(text)
    found = []
    for match in _pattern(words).finditer(plain):
        # `_plain` keeps one character per character for Latin text: show the original.
        original = text[match.start() : match.end()] if len(plain) == len(text) else match[0]
        if original not in found:
            found.append(original)
    return found
