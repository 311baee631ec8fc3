"""Short titles for implication pages: the ``headline`` field, or the statement's first sentence."""

from __future__ import annotations

import re

from .model import HEADLINE_MAX, Implication

# A sentence ends at . ! or ? followed by a space and a capital letter or a digit
# (so "U.S. forces" or "e.g. gas" do not end it).
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9“\"])")


def headline(implication: Implication) -> str:
    """At most ``HEADLINE_MAX`` characters, never cut inside a word."""
    if implication.headline:
        return implication.headline
    return cut(first_sentence(implication.statement))


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    m = _SENTENCE_END.search(text)
    return text[: m.start()].rstrip() if m else text


def cut(text: str, limit: int = HEADLINE_MAX) -> str:
    """``text`` if it fits; else as many whole words as fit, then an ellipsis."""
    if len(text) <= limit:
        return text
    room = text[: limit - 1]  # one character for the ellipsis
    head = room.rsplit(" ", 1)[0] if " " in room else room
    return head.rstrip(" ,;:–—-") + "…"
