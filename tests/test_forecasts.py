"""Accountable forecasts (issue 15): due dates per horizon, Brier scores by likelihood band,
the track record page with its calibration chart, and outcomes on implication pages.

The test corpus is the 2019 northern Syria withdrawal (``tests/fixtures/site/syria-2019``):
four implications written the day of the White House statement, all four of which came
true within two weeks. The bundled example has two outcomes on the public record.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.forecasts.due import add_months, due_date, epoch_date, forecasts
from generator.forecasts.score import BANDS, brier, probability, track_record
from generator.outputs import SiteOptions
from generator.pipeline import generate
from generator.validate import check_corpus
from sitebuild import REPO, BuiltSite, build_site_from, content, text_of

SYRIA = REPO / "tests" / "fixtures" / "site" / "syria-2019"
D = dt.date


# -- due dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize("written, horizon, due", [
    (D(2019, 10, 7), "immediate", D(2019, 11, 7)),
    (D(2019, 10, 7), "near-term", D(2020, 10, 7)),
    (D(2019, 10, 7), "long-term", D(2021, 10, 7)),
    (D(2024, 1, 31), "immediate", D(2024, 2, 29)),  # no 31 February: the month's last day
    (D(2023, 1, 31), "immediate", D(2023, 2, 28)),
    (D(2024, 2, 29), "near-term", D(2025, 2, 28)),
    (D(2019, 12, 15), "immediate", D(2020, 1, 15)),
])
def test_each_horizon_is_due_for_review_a_fixed_span_after_the_brief(written, horizon, due):
    assert due_date(written, horizon) == due


def test_a_due_date_past_the_calendar_stops_at_its_end():
    assert add_months(D(9999, 6, 1), 24) == D.max


@pytest.mark.parametrize("value, day", [(None, None), ("", None), ("0", D(1970, 1, 1)),
                                        ("1570406400", D(2019, 10, 7)), (" 1570406400\n", D(2019, 10, 7))])
def test_source_date_epoch_is_the_builds_today(value, day):
    assert epoch_date(value) == day


@pytest.mark.parametrize("value", ["yesterday", "1.5", "2019-10-07", "9" * 30])
def test_a_source_date_epoch_that_is_not_seconds_is_refused_with_the_fix(value):
    with pytest.raises(ValueError, match="whole number of seconds"):
        epoch_date(value)


# -- scores ------------------------------------------------------------------------------------


def test_each_likelihood_is_scored_at_the_middle_of_its_icd_203_band():
    assert {band: probability(band) for band in BANDS} == {
        "remote": 0.03, "very-unlikely": 0.125, "unlikely": 0.325, "even-chance": 0.5, "likely": 0.675,
        "very-likely": 0.875, "almost-certain": 0.97}


@pytest.mark.parametrize("pairs, score", [
    ([], None),
    ([(1.0, 1.0)], 0.0),
    ([(0.0, 1.0)], 1.0),
    ([(0.5, 1.0), (0.5, 0.0)], 0.25),
    ([(0.875, 1.0), (0.875, 0.5)], (0.125 ** 2 + 0.375 ** 2) / 2),
])
def test_the_brier_score_is_the_mean_squared_error(pairs, score):
    assert brier(pairs) == pytest.approx(score) if score is not None else brier(pairs) is None


@pytest.fixture(scope="module")
def syria():
    corpus, problems = check_corpus(SYRIA)
    assert corpus is not None, problems
    return corpus


def test_the_syria_forecasts_all_came_true_and_score_0_207(syria):
    today = D(2019, 10, 14)
    record = track_record(forecasts(syria, today),
                          {i: r.implication.likelihood for i, r in syria.implications.items()}, today)

    # very likely, even chance, likely, unlikely: all four occurred.
    assert record.brier == pytest.approx((0.125 ** 2 + 0.5 ** 2 + 0.325 ** 2 + 0.675 ** 2) / 4)
    assert round(record.brier, 3) == 0.207
    assert {b.likelihood: (b.scored, b.observed) for b in record.bands if b.scored} == {
        "unlikely": (1, 1.0), "even-chance": (1, 1.0), "likely": (1, 1.0), "very-likely": (1, 1.0)}
    assert record.resolved == ("us-sanctions-on-turkey", "isis-detainees-escape", "sdf-turns-to-damascus",
                               "turkish-offensive-within-days")  # newest outcome first, ties by id
    assert (record.due, record.open) == ((), 0)


def test_partly_counts_half_and_unresolvable_is_counted_but_not_scored(tmp_path, syria):
    text = (SYRIA / "briefs" / "us-pulls-back-from-northern-syria.yml").read_text(encoding="utf-8")
    text = text.replace("status: occurred\n      date: 2019-10-13\n      note: \"The SDF",
                        "status: partly\n      date: 2019-10-13\n      note: \"The SDF", 1)
    text = text.replace("status: occurred\n      date: 2019-10-14", "status: unresolvable\n      date: 2019-10-14")
    root = _corpus(tmp_path, text)
    corpus, problems = check_corpus(root)
    assert problems == []
    today = D(2019, 10, 14)
    record = track_record(forecasts(corpus, today),
                          {i: r.implication.likelihood for i, r in corpus.implications.items()}, today)

    even = next(b for b in record.bands if b.likelihood == "even-chance")
    assert (even.partly, even.observed, even.brier) == (1, 0.5, 0.0)  # said 50 %, half happened
    unlikely = next(b for b in record.bands if b.likelihood == "unlikely")
    assert (unlikely.scored, unlikely.unresolvable, unlikely.brier) == (0, 1, None)
    assert (record.scored, record.unresolvable) == (3, 1)
    assert record.brier == pytest.approx((0.125 ** 2 + 0 + 0.325 ** 2) / 3)


def _corpus(tmp_path: Path, brief_text: str) -> Path:
    root = tmp_path / "corpus"
    (root / "briefs").mkdir(parents=True)
    (root / "seeds").mkdir()
    for seed in (SYRIA / "seeds").iterdir():
        (root / "seeds" / seed.name).write_bytes(seed.read_bytes())
    (root / "briefs" / "us-pulls-back-from-northern-syria.yml").write_text(brief_text, encoding="utf-8")
    return root


# -- what is due for review ----------------------------------------------------------------------


def test_as_of_a_later_day_the_implications_without_outcome_are_due_newest_first(tmp_path):
    text = (SYRIA / "briefs" / "us-pulls-back-from-northern-syria.yml").read_text(encoding="utf-8")
    text = re.sub(r"\n    outcome:\n(?:      .*\n|        .*\n)+", "\n", text)  # no outcome yet
    root = _corpus(tmp_path, text)

    early = generate(root, SiteOptions(as_of=D(2019, 11, 1))).pages
    late = generate(root, SiteOptions(as_of=D(2020, 11, 1))).pages

    assert "Nothing is past its due date" in early["track-record.md"].text
    due = re.findall(r'href="implications/([a-z-]+)\.html">[^<]*</a> <span class="meta">— due since',
                     late["track-record.md"].text)
    # near-term ones were due on 7 October 2020, immediate ones on 7 November 2019
    assert due == ["sdf-turns-to-damascus", "us-sanctions-on-turkey", "isis-detainees-escape",
                   "turkish-offensive-within-days"]
    page = late["implications/isis-detainees-escape.md"].text
    assert "due for review since <time datetime=\"2019-11-07\">7 November 2019</time> (immediate: 1 month" in page
    assert "open: due for review on" in early["implications/sdf-turns-to-damascus.md"].text


def test_without_source_date_epoch_the_day_is_the_newest_date_in_the_corpus(syria):
    pages = generate(SYRIA).pages
    assert 'As of <time datetime="2019-10-14">14 October 2019</time>' in pages["track-record.md"].text


def test_briefs_generate_takes_today_from_source_date_epoch_and_refuses_a_bad_one(tmp_path):
    root = _corpus(tmp_path, (SYRIA / "briefs" / "us-pulls-back-from-northern-syria.yml").read_text("utf-8"))
    env = {"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": str(1604188800)}  # 1 November 2020
    done = subprocess.run([sys.executable, "-m", "generator.cli", "generate", "--root", str(root), "--out",
                           str(tmp_path / "out")], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert 'datetime="2020-11-01"' in (tmp_path / "out" / "track-record.md").read_text(encoding="utf-8")

    env["SOURCE_DATE_EPOCH"] = "last tuesday"
    done = subprocess.run([sys.executable, "-m", "generator.cli", "check", "--root", str(root)], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert "SOURCE_DATE_EPOCH must be a whole number of seconds" in done.stderr


def test_the_track_record_page_is_the_same_for_the_same_input():
    assert generate(SYRIA).pages["track-record.md"].text == generate(SYRIA).pages["track-record.md"].text


# -- the page is bounded -------------------------------------------------------------------------


def test_long_lists_are_cut_with_how_many_more(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from synthetic import write_corpus  # noqa: PLC0415

    sizes = {}
    for n in (30, 90):
        root = write_corpus(tmp_path / f"c{n}", n, claims=3, implications=3, outcomes=True)
        text = generate(root).pages["track-record.md"].text
        sizes[n] = len(text.encode("utf-8"))
        items = text.count("<li>")
        assert items <= 2 * 50, items
    # 90 briefs: 90 resolved (50 shown) and 180 due (50 shown); the rest are counted.
    assert "And 40 more" in text and "And 130 more" in text
    assert sizes[90] < 1.1 * generate(write_corpus(tmp_path / "c60", 60, claims=3, implications=3,
                                                   outcomes=True)).pages["track-record.md"].text.encode().__len__()


# -- in the built site ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def syria_site(tmp_path_factory) -> BuiltSite:
    return BuiltSite(build_site_from(SYRIA, tmp_path_factory.mktemp("syria") / "corpus"))


def test_the_track_record_page_shows_the_score_the_chart_and_the_table(syria_site):
    soup = syria_site.soup("track-record.html")
    page = content(soup)

    assert text_of(page.select_one(".brier__score")) == "0.207"
    svg = page.select_one("figure.calibration svg")
    assert svg["role"] == "img" and svg["aria-labelledby"] == "calibration-title calibration-desc"
    assert "Unlikely: 1 forecast, happened 100 % of the time" in text_of(svg.select_one("desc"))
    assert len(svg.select("circle")) == 4
    # Static and self-contained: nothing to load, no script, colours from the text (both schemes).
    raw = str(svg)
    assert not re.search(r"href|url\(|<script|<image|<foreignObject", raw)
    assert "currentColor" in raw and not re.search(r"#[0-9a-fA-F]{3,6}\b", raw)
    rows = {text_of(tr.th): [text_of(td) for td in tr.select("td")] for tr in page.select("table tbody tr")}
    assert rows["Unlikely"] == ["20–45 %", "1 (1 occurred) · few", "100 %", "0.456", "0"]
    assert rows["Remote"] == ["1–5 %", "0", "—", "—", "0"]
    assert [text_of(a) for a in soup.select("nav.md-nav--primary a.md-nav__link")].count("Track record") == 1


def test_implication_pages_show_their_outcome_with_its_evidence(syria_site):
    page = content(syria_site.soup("implications/us-sanctions-on-turkey.html"))
    outcome = page.select_one(".outcome")

    assert text_of(outcome.select_one(".badge--outcome")) == "Occurred"
    assert outcome.select_one("time")["datetime"] == "2019-10-14"
    assert [a["href"] for a in outcome.select(".outcome__evidence a")] == [
        "https://www.clearytradewatch.com/2019/10/us-imposes-sanctions-against-turkish-ministries-officials/"]
    assert outcome.select_one('a[href="../track-record.html"]') is not None


def test_a_relayed_claim_names_who_relayed_it_and_how(syria_site):
    meta = content(syria_site.soup("claims/leaders-to-meet.html")).select_one(".claim-meta")

    assert "Assertion by Recep Tayyip Erdoğan via Turkish presidency · Statement" in text_of(meta)
    assert meta.select_one('a[href="../actors/turkish-presidency.html"]') is not None
    assert meta.select_one('a.badge--medium')["href"] == "../how-to-read.html#medium-statement"


def test_the_bundled_example_shows_its_resolved_outcomes_and_score(tmp_path):
    pages = generate(REPO).pages
    text = pages["track-record.md"].text
    assert '<strong class="brier__score">0.078</strong> over 2 scored forecasts' in text
    assert "badge--outcome-partly" in pages["implications/coalition-mission-phased-transition.md"].text
    assert "badge--outcome-occurred" in pages["implications/iranian-energy-dependence-persists.md"].text
