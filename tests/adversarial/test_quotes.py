"""Quotes that do not match the seed exactly say why and show the closest passage; overlapping quotes work.

Cases are folders under ``fixtures/check/quote-*`` with the exact output of
``briefs check``; the overlapping quotes are also built (in the payload site)
to show both highlighted.
"""

from __future__ import annotations

import pytest

from .helpers import CHECK_CASES, Site, article, case_names, check, copy_case, expected_lines, text_of


@pytest.mark.parametrize("case", case_names("quote-"))
def test_check_reports_exactly(run_case, case):
    expected = expected_lines(case)

    code, lines = run_case(case)

    assert lines == expected
    assert code == (1 if expected else 0)


def test_a_seed_edited_after_annotation_names_the_claim_and_the_closest_passage(tmp_path):
    case = "quote-seed-edited-after-annotation"
    root = copy_case(CHECK_CASES / case, tmp_path / case)
    assert check(root) == (0, [])  # annotated against the article as it was
    seed = root / "seeds" / "harbour.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace(
        "would cost less than planned", "would cost far less than first planned"), encoding="utf-8")

    code, lines = check(root)

    assert (code, lines) == (1, expected_lines(case, "expected-after-edit.txt"))
    assert "claim 'terminal-cheaper-than-planned'" in lines[0] and "closest passage" in lines[0]


CHEAPER = "The mayor says the terminal will cost less than planned."
NO_DELAYS = "The mayor says there will be no more delays."


def test_overlapping_quotes_are_both_highlighted(payload_site: Site):
    page = article(payload_site.soup("briefs/overlapping-quotes.html"))
    segments = page.select(".brief-article a.claim-quote")

    def quote_of(claim_id: str) -> str:  # the segments whose card lists the claim (data-quotes)
        return "".join(a.get_text() for a in segments if f"claim:{claim_id}" in str(a.get("data-quotes", "")).split())

    assert quote_of("terminal-cheaper-than-planned") == "the terminal would cost less than planned"
    assert quote_of("no-further-delays") == "cost less than planned and that no further delays were expected"
    overlap = [a for a in segments if "claim-quote--overlap" in a.get("class", [])]
    assert [a.get_text() for a in overlap] == ["cost less than planned"]
    assert page.find(id="claim-terminal-cheaper-than-planned") is not None
    assert page.find(id="claim-no-further-delays") is not None


@pytest.mark.parametrize("claim, quote", [
    ("terminal-cheaper-than-planned", "the terminal would cost less than planned"),
    ("no-further-delays", "cost less than planned and that no further delays were expected"),
])
def test_each_overlapping_quote_is_shown_in_context_on_its_claim_page(payload_site: Site, claim, quote):
    page = article(payload_site.soup(f"claims/{claim}.html"))

    assert text_of(page.select_one("blockquote.quote-context mark")) == quote
    assert page.select_one("blockquote.quote-context footer a")["href"] == \
        f"../briefs/overlapping-quotes.html#claim-{claim}"
