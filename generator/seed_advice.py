"""Advice on seeds: a one-line paragraph that looks like a caption or a map legend.

A short line without a full stop is read as a section heading (``seeds.py``).
Text pasted with an article often brings lines that are neither heading nor
prose: a row of map-legend symbols, "Photo: ...", "Source: ...". The site
would show each as a heading; ``briefs check`` says so (a warning).
"""

from __future__ import annotations

import re

from .diagnostics import Diagnostic
from .seeds import Seed

# Labels that start a caption, a credit or a legend rather than a heading.
_CAPTION = re.compile(r"^(?:map|legend|key|photo|photograph|picture|image|graphic|chart|video|caption|credit|"
                      r"credits|source|sources|illustration|file photo)\s*[:|\u2013\u2014]", re.IGNORECASE)
# Symbols a legend uses for its keys: squares, circles, triangles, stars, diamonds, coloured squares.
_LEGEND = re.compile("[\u25a0-\u25ff\u2b1b\u2b1c\u2b24\u2605\u2606\u2022\U0001f7e0-\U0001f7eb]")
SHOWN = 60


def seed_warnings(seed: Seed) -> list[Diagnostic]:
    out = []
    for block in seed.blocks:
        if block.kind != "heading":
            continue
        text = block.text
        if not any(c.isalpha() for c in text):
            why = "it holds no words"
        elif _CAPTION.match(text):
            why = "it starts like a caption or a credit"
        elif len(_LEGEND.findall(text)) >= 2:
            why = "it looks like a map legend"
        else:
            continue
        shown = text if len(text) <= SHOWN else text[: SHOWN - 1] + "\u2026"
        out.append(Diagnostic(seed.path, block.line, 1,
                              f"seed line \"{shown}\" would be shown as a section heading, but {why}",
                              "delete it from the seed if it is a caption, a legend or a credit (they are not"
                              " the article's text); if it is a sentence, end it with a full stop",
                              severity="warning"))
    return out
