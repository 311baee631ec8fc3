"""One folder per contributor story: ``tests/fixtures/check/<scenario>/``.

Each folder is a tiny corpus (``seeds/``, ``briefs/``) and ``expected.txt``,
the exact lines ``briefs check`` prints for it - no error when the corpus is valid
(warnings, such as a brief without a source licence, are printed and do not fail).
Every expected line was checked by hand: the ``line:col`` points at the
mistake and the message says what is wrong and how to fix it.
"""

from __future__ import annotations

import pytest

from generator.validate import check_corpus

from conftest import FIXTURES, copy_fixture, scenarios, write_corpus, MINIMAL_BRIEF


@pytest.mark.parametrize("scenario", scenarios())
def test_scenario(scenario, run_check):
    folder = FIXTURES / scenario
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()

    code, lines = run_check(folder)

    assert lines == expected
    # Warnings are advice: only errors fail the check.
    assert code == (1 if any(": error: " in line for line in expected) else 0)


def test_every_scenario_is_a_corpus_with_an_expectation():
    names = scenarios()
    assert len(names) >= 50
    for name in names:
        folder = FIXTURES / name
        assert (folder / "expected.txt").is_file(), name
        assert (folder / "briefs").is_dir() and (folder / "seeds").is_dir(), name
        # valid-* scenarios print no error (warnings at most); every other scenario shows at least one.
        expected = (folder / "expected.txt").read_text(encoding="utf-8")
        assert name.startswith("valid-") == (": error: " not in expected), name


def test_the_crlf_fixture_really_uses_crlf_and_has_no_final_newline():
    # Guards against an editor or git setting normalising the fixture away.
    raw = (FIXTURES / "valid-crlf-seed-without-final-newline" / "seeds" / "harbour.txt").read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert not raw.endswith(b"\n")


def test_shared_actors_and_cross_brief_references_build_one_corpus():
    corpus, problems = check_corpus(FIXTURES / "valid-shared-actors")

    assert problems == []
    assert [b.id for b in corpus.briefs] == ["terminal-audit", "terminal-delay"]
    assert set(corpus.actors) == {"ana-ruiz", "port-vell", "tomas-berg"}
    assert corpus.actors["ana-ruiz"].path == "briefs/_actors.yml" and corpus.actors["ana-ruiz"].brief is None
    assert corpus.actors["tomas-berg"].brief == "terminal-delay"
    assert corpus.claims["audit-needed"].brief == "terminal-audit"
    assert corpus.claims["audit-needed"].claim.supports == ("numbers-do-not-add-up",)
    assert corpus.implications["audit-delays-opening"].implication.because == (
        "audit-needed", "terminal-cheaper-than-planned",
    )


def test_the_brief_date_comes_from_the_seed_header_or_the_brief():
    from_header, _ = check_corpus(FIXTURES / "valid-minimal")
    from_brief, _ = check_corpus(FIXTURES / "valid-seed-without-date-header")

    assert str(from_header.briefs[0].date) == "2024-05-02"
    assert str(from_brief.briefs[0].date) == "2024-05-02"


def test_quotes_anchor_to_the_seed_text_they_match():
    corpus, problems = check_corpus(FIXTURES / "valid-quote-normalisation")

    assert problems == []
    seed = corpus.briefs[0].seed

    def quoted(claim_id):
        anchor = corpus.claims[claim_id].anchor
        return seed.blocks[anchor.block].text[anchor.start : anchor.end]

    assert quoted("open-before-summer") == "would open \u201cbefore the summer\u201d \u2014 a promise"
    assert quoted("numbers-do-not-add-up") == "city\u2019s numbers \u201cdo not add up\u201d"
    assert quoted("mayor-at-the-quay") == "Mayor Ana Ruiz \u2014 speaking to reporters at the quay"
    heading = corpus.claims["mayor-at-the-quay"].evidence_anchors[0]
    assert seed.blocks[heading.block].kind == "heading"


def test_occurrence_picks_the_second_match():
    corpus, _ = check_corpus(FIXTURES / "valid-every-optional-field")

    record = corpus.claims["delays-foreseeable"]
    first = record.evidence_anchors[0]
    assert record.anchor.block > first.block  # the second "the delays were foreseeable" is in a later paragraph
    assert record.evidence_anchors[1] is None  # a URL has no anchor


def test_crlf_seed_quotes_cross_line_breaks_and_reach_the_last_character():
    corpus, problems = check_corpus(FIXTURES / "valid-crlf-seed-without-final-newline")

    assert problems == []
    seed = corpus.briefs[0].seed
    last = corpus.claims["he-says-foreseeable"].anchor
    assert (last.block, last.end) == (len(seed.blocks) - 1, len(seed.blocks[-1].text))
    assert "\r" not in "".join(b.text for b in seed.blocks)


# -- stories that need a corpus built at test time ---------------------------------------


def test_a_brief_whose_seed_is_not_a_txt_file_is_reported(tmp_path, run_check):
    # BUG: seeds/harbour.md exists, so validate._seed_for assumes "it could not be
    # read and its own error says why" - but .md seeds are never loaded and no error
    # is reported: the brief is silently dropped and `briefs check` exits 0.
    root = write_corpus(tmp_path, {
        "seeds/harbour.md": (FIXTURES / "valid-minimal" / "seeds" / "harbour.txt").read_text(encoding="utf-8"),
        "briefs/terminal-delay.yml": MINIMAL_BRIEF.replace("seed: harbour.txt", "seed: harbour.md")
        .replace("would cost", "WILL cost"),
    })

    code, lines = run_check(root)

    assert code == 1
    assert any(line.startswith("briefs/terminal-delay.yml:1:7: error: ") and "harbour.md" in line for line in lines), lines


def test_a_seed_name_too_long_for_the_file_system_is_an_error_not_a_crash(tmp_path, run_check):
    # BUG: Path.is_file() raises OSError(ENAMETOOLONG) in validate._seed_for.
    name = "a" * 300 + ".txt"
    root = write_corpus(tmp_path, {"briefs/terminal-delay.yml": MINIMAL_BRIEF.replace("harbour.txt", name)})

    code, lines = run_check(root)

    assert code == 1
    assert lines == [f"briefs/terminal-delay.yml:1:7: error: seed '{name}' not found in seeds/; "
                     "add the article to seeds/ first; seeds: harbour.txt"]


def test_the_fixed_brief_of_a_scenario_passes(tmp_path, run_check):
    # The story ends well: correcting the one mistake makes the corpus valid.
    root = copy_fixture("quote-not-found", tmp_path)
    brief = root / "briefs" / "terminal-delay.yml"
    brief.write_text(brief.read_text(encoding="utf-8").replace("will cost", "would cost"), encoding="utf-8")

    code, lines = run_check(root)
    assert code == 0 and all(": warning: " in line for line in lines), lines


def test_shared_actor_messages_name_the_actor(tmp_path, run_check):
    # BUG (message): in briefs/_actors.yml the messages say "in '[2]'" and
    # "'[1]' should be a mapping" instead of naming the actor, as brief messages do
    # ("actor 'port-vell': missing required key 'name'").
    root = write_corpus(tmp_path, {
        "briefs/_actors.yml": "- ana-ruiz\n- id: port-vell\n  kind: government\n",
    })

    code, lines = run_check(root)

    assert code == 1
    assert len(lines) == 2
    first, second = lines
    assert first.startswith("briefs/_actors.yml:1:3: error: ") and "'[1]'" not in first and "actor" in first
    assert second.startswith("briefs/_actors.yml:2:3: error: actor 'port-vell': missing required key 'name'")
