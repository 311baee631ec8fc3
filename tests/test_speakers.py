"""Speaker colours and labels, and implication headlines: pure functions, table-driven."""

from __future__ import annotations

import pytest

from generator.headline import cut, first_sentence, headline
from generator.model import Actor, Implication
from generator.speakers import (
    CHIP_TEXT, DARK_BACKGROUND, LIGHT_BACKGROUND, PALETTE, contrast, short_label, speaker_color, speaker_index,
    stylesheet, tints,
)


@pytest.mark.parametrize("color", PALETTE)
def test_every_speaker_colour_meets_non_text_contrast_in_both_schemes_and_carries_readable_text(color) -> None:
    assert contrast(color, LIGHT_BACKGROUND) >= 3.0
    assert contrast(color, DARK_BACKGROUND) >= 3.0
    assert contrast(color, CHIP_TEXT) >= 4.5  # the speaker label printed on it
    assert contrast(tints(color)["light"], "#000000") >= 4.5  # quoted words on the light tint
    assert contrast(tints(color)["dark"], "#e2e4e9") >= 4.5  # ... and on the dark tint


def test_a_speaker_keeps_its_colour_whatever_else_is_in_the_corpus() -> None:
    assert speaker_index("alina-romanowski") == speaker_index("alina-romanowski")
    assert speaker_color("alina-romanowski") == PALETTE[speaker_index("alina-romanowski")]
    assert len({speaker_index(f"actor-{i}") for i in range(200)}) == len(PALETTE)  # the whole palette is used
    css = stylesheet()
    for i, color in enumerate(PALETTE):
        assert f".speaker-{i} {{ --speaker: {color};" in css


def _actor(name: str, *aliases: str) -> Actor:
    return Actor(id="a", name=name, kind="person", aliases=aliases)


@pytest.mark.parametrize(("actor", "label"), [
    (_actor("Alina Romanowski", "Alina Romanowski", "Romanowski", "Ambassador Romanowski"), "Romanowski"),
    (_actor("Islamic State (ISIS)", "ISIS", "the terrorist group"), "ISIS"),
    (_actor("Marren Valley Water Board of the Lower Reaches"), "MVWBLR"),
    (_actor("Наталья Орлова", "Orlova"), "Orlova"),
    (_actor("X", "X"), "X"),
])
def test_short_label(actor, label) -> None:
    assert short_label(actor) == label


def _implication(statement: str, headline_: str | None = None) -> Implication:
    return Implication(id="i", statement=statement, because=("c",), likelihood="likely", confidence="low",
                       horizon="long-term", headline=headline_)


@pytest.mark.parametrize(("statement", "given", "expected"), [
    ("Prices rise. Then they fall.", None, "Prices rise."),
    ("U.S. forces stay in Iraq. Talks continue.", None, "U.S. forces stay in Iraq."),
    ("A " + "very " * 30 + "long sentence.", None, "A " + "very " * 18 + "very…"),
    ("Anything at all.", "A headline", "A headline"),
])
def test_headline(statement, given, expected) -> None:
    result = headline(_implication(statement, given))
    assert result == expected and len(result) <= 100


def test_cut_never_splits_a_word() -> None:
    text = "word " * 40
    out = cut(text.strip(), 50)
    assert len(out) <= 50 and out.endswith("word…")
    assert first_sentence("No end") == "No end"
