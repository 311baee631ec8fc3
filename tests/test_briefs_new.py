"""`briefs new` on an article with many names (issue 15): every name, whole, without the
words that merely start a sentence; declarations for the most-mentioned people; and a
scaffold that `briefs check` does not call "ok" while it still holds its TODOs."""

from __future__ import annotations

import re
import shutil

import yaml

from generator.names import find_names, people
from generator.scaffold import CANDIDATES_SHOWN

from conftest import REPO

SYRIA_SEED = REPO / "tests" / "fixtures" / "site" / "syria-2019" / "seeds" / "us-pulls-back-from-northern-syria.txt"


def scaffold_for(tmp_path, run_briefs, article) -> tuple[str, dict]:
    root = tmp_path / "corpus"
    (root / "briefs").mkdir(parents=True)
    (root / "seeds").mkdir()
    result = run_briefs("new", str(article), "--root", str(root), "--id", "new-brief")
    assert result.code == 0, result.stderr
    text = (root / "briefs" / "new-brief.yml").read_text(encoding="utf-8")
    return text, yaml.safe_load(text)


def listed(text: str) -> list[str]:
    return re.findall(r"^  #   (.+) \(\d+\)$", text, re.M)


def test_every_name_is_offered_whole_and_the_most_mentioned_people_are_declared(tmp_path, run_briefs):
    text, data = scaffold_for(tmp_path, run_briefs, SYRIA_SEED)
    declared = {a["name"]: a for a in data["actors"]}
    names = set(listed(text)) | set(declared)

    # Whole names, a bracketed short form included; no one cut to 25.
    for name in ("Recep Tayyip Erdoğan", "Nikki Haley", "Lindsey Graham", "Mitch McConnell", "Mike Pompeo",
                 "Syrian Democratic Forces (SDF)", "Bashar al-Assad", "Stephanie Grisham", "Mazloum Abdi",
                 "Vladimir Putin", "Members of Congress"):
        assert name in names, name
    assert len(names) > 25
    # A pronoun, a sentence's first word, a title: not names.
    for word in ("I", "So", "Analysts", "Sen", "Senator", "Secretary of State", "State Mike Pompeo", "Former UN"):
        assert word not in names, word
    # The most-mentioned people are declared, their short mentions as aliases (Erdogan and Erdoğan are one).
    assert declared["Recep Tayyip Erdoğan"] == {"id": "recep-tayyip-erdogan", "name": "Recep Tayyip Erdoğan",
                                               "kind": "person", "role": "TODO: their role, as the article gives it",
                                               "aliases": ["Erdogan"]}
    assert declared["Donald Trump"]["aliases"] == ["Trump"]
    assert "Erdogan" not in listed(text) and "Trump" not in listed(text)  # counted with the full name
    assert len(declared) == 5


def test_a_name_that_only_starts_sentences_is_left_out_but_one_used_elsewhere_stays():
    names = {n.text for n in find_names([
        "Critics said the plan failed. Turkey disagreed.", "So Erdogan spoke. Officials in Turkey agreed.",
        "I think Ankara will act.",
    ])}
    assert names == {"Turkey", "Erdogan", "Ankara"}


def test_people_are_those_a_title_introduces_or_whose_surname_is_used_alone():
    names = find_names(["President Joe Biden met Alina Romanowski. Romanowski spoke, and Joe Biden listened.",
                        "The Syrian Democratic Forces (SDF) said so."])
    assert [(p.text, p.count, p.aliases) for p in people(names)] == [
        ("Alina Romanowski", 2, ["Romanowski"]), ("Joe Biden", 2, [])]


def test_a_long_list_of_names_ends_with_how_many_more(tmp_path, run_briefs):
    surnames = ["Abbott", "Baker", "Carter", "Dalton", "Ellis", "Fisher", "Garner", "Hughes", "Irving", "Jensen",
                "Keller", "Lawson", "Mercer", "Nolan", "Osborne", "Porter", "Quincy", "Reyes", "Sutton", "Turner"]
    firsts = ["Anna", "Boris", "Clara", "David", "Elena", "Farid", "Greta"]
    sentences = [f"Yesterday, {f} {s} of the council spoke." for f in firsts for s in surnames]  # 140 names
    article = tmp_path / "many-names.txt"
    article.write_text("date 2024-05-02 " + " ".join(sentences) + "\n", encoding="utf-8")

    text, _ = scaffold_for(tmp_path, run_briefs, article)

    assert len(listed(text)) == CANDIDATES_SHOWN
    assert f"  #   ... and {140 - CANDIDATES_SHOWN} more\n" in text


def test_the_untouched_scaffold_warns_and_fails_a_strict_check(tmp_path, run_briefs):
    root = tmp_path / "corpus"
    shutil.copytree(REPO / "tests" / "fixtures" / "site" / "syria-2019" / "seeds", root / "seeds")
    (root / "briefs").mkdir()
    assert run_briefs("new", SYRIA_SEED.name, "--root", str(root)).code == 0

    lenient = run_briefs("check", "--root", str(root))
    strict = run_briefs("check", "--root", str(root), "--strict")

    todo = [line for line in lenient.lines if "still holds TODO text from 'briefs new'" in line]
    assert lenient.code == 0 and len(todo) == 2 + 5  # title, summary and the five roles
    assert "8 warnings" in lenient.stderr  # and the source warning
    assert strict.code == 1
    assert all(": error: " in line for line in strict.lines)
    assert "still holds TODO text" in strict.lines[1]
