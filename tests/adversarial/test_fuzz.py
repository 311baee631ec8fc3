"""Fuzzing the formats: whatever a contributor puts into briefs/ and seeds/, checking never crashes.

Properties, for any corpus:

- ``generator.validate.check_corpus`` never raises; every diagnostic names a
  file of the corpus, a line >= 1 and a column >= 1, and says something;
- when it returns a corpus, ``generator.pipeline.generate_pages`` never raises,
  every page path passes ``safe_relative``, and no page holds a raw <script>.

The budget is the 'ci' profile (100 derandomized examples per property) unless
BRIEFS_FUZZ=1 selects the long 'fuzz' profile (``make fuzz``).
"""

from __future__ import annotations

import re

import copy
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from generator.diagnostics import Diagnostic
from generator.pipeline import generate_pages
from generator.validate import check_corpus
from generator.write import safe_relative

from .helpers import FIXTURES, MINIMAL_BRIEF, PROFILE, run_cli, write_files

BASE_BRIEF = yaml.safe_load((FIXTURES / "site" / "baseline" / "briefs" / "terminal-audit.yml").read_text("utf-8"))
OTHER_BRIEF = yaml.safe_load((FIXTURES / "site" / "baseline" / "briefs" / "terminal-delay.yml").read_text("utf-8"))
BASE_ACTORS = yaml.safe_load((FIXTURES / "site" / "baseline" / "briefs" / "_actors.yml").read_text("utf-8"))
SEED = (FIXTURES / "seeds" / "harbour.txt").read_text("utf-8")

KEYS = sorted({"seed", "title", "date", "summary", "source", "publisher", "url", "author", "tags", "actors",
               "claims", "implications", "id", "name", "kind", "role", "member_of", "aliases", "description",
               "wikidata", "by", "statement", "quote", "occurrence", "type", "about", "supports", "contradicts",
               "evidence", "review", "rating", "note", "sources", "because", "affects", "likelihood",
               "confidence", "horizon"})
WORDS = ["harbour.txt", "ana-ruiz", "tomas-berg", "port-vell", "person", "numbers-do-not-add-up", "do not add up",
         "the delays were foreseeable", "2024-05-02", "0000-00-00", "2024-02-30", "yes", "no", "~", "null", "1", "0",
         "-1", "99", "https://example.org/x", "javascript:alert(1)", "con", "Q42", "../x", "a\\b", "", " ", "\u2028",
         "\ufeff", "index", "<script>alert(1)</script>", "{{ 7*7 }}", "\U0001F600", "\u202e", "x" * 81, "likely", "low"]

scalars = st.one_of(st.none(), st.booleans(), st.integers(-2, 10**12), st.floats(allow_nan=True),
                    st.sampled_from(WORDS), st.text(max_size=30))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner, max_size=5)), max_leaves=20)


def _paths(node, prefix=()):
    """Every (path, value) in a YAML-like tree."""
    yield prefix, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


@st.composite
def mutated(draw, base):
    """``base`` with a few values replaced, keys dropped or unknown keys added."""
    doc = copy.deepcopy(base)
    for _ in range(draw(st.integers(0, 4))):
        paths = [p for p, _ in _paths(doc) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "replace", "drop", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(values)
        elif action == "drop":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(KEYS))] = draw(values)
        else:
            parent.append(draw(values))
    return doc


@st.composite
def as_bytes(draw, text_strategy):
    """Text with random line ends, maybe a BOM, maybe a few characters spliced in, as UTF-8."""
    text = draw(text_strategy)
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.text(min_size=1, max_size=3)) + text[at + draw(st.integers(0, 2)):]
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = text.replace("\n", ending)
    raw = text.encode("utf-8", "surrogatepass")
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + raw


def dumped(strategy):
    return st.builds(lambda doc, uni: yaml.safe_dump(doc, allow_unicode=uni, sort_keys=False), strategy, st.booleans())


brief_files = st.one_of(
    as_bytes(dumped(mutated(BASE_BRIEF))),
    as_bytes(dumped(values)),
    as_bytes(st.text(max_size=300)),
    st.binary(max_size=300),
)
actors_files = st.one_of(st.just(yaml.safe_dump(BASE_ACTORS, allow_unicode=True).encode()),
                         as_bytes(dumped(mutated(BASE_ACTORS))), st.binary(max_size=100))


@st.composite
def seed_texts(draw):
    header = draw(st.sampled_from(["date 2024-05-02 ", "date 2024-13-40 ", "  \n date 2024-05-02\n", "", "date x "]))
    paragraphs = draw(st.lists(st.one_of(st.sampled_from(SEED.split("\n\n")), st.text(max_size=80)), max_size=6))
    return header + draw(st.sampled_from(["\n\n", "\n \n", "\n\t\n\n"])).join(paragraphs)


seed_files = st.one_of(as_bytes(seed_texts()), st.just(SEED.encode()), st.binary(max_size=200))


def assert_properties(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for rel, content in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(content)

        corpus, problems = check_corpus(root)

        for d in problems:
            assert isinstance(d, Diagnostic)
            assert d.path in files, d
            assert isinstance(d.line, int) and d.line >= 1, d
            assert isinstance(d.col, int) and d.col >= 1, d
            assert isinstance(d.message, str) and d.message.strip(), d
        assert (corpus is None) == bool(problems)
        if corpus is not None:
            pages = generate_pages(root)
            for path, page in pages.items():
                assert safe_relative(path).as_posix() == path == page.path
                # The only script a page may hold: a brief's card data, inert JSON with no '<' in it.
                text = re.sub(r'<script type="application/json" id="briefs-cards">[^<]*</script>', "", page.text)
                assert "<script" not in text.lower(), path


@PROFILE
@given(brief=brief_files, seed=seed_files)
@example(brief=yaml.safe_dump(BASE_BRIEF).encode(), seed=SEED.encode())
def test_any_brief_and_seed(brief, seed):
    assert_properties({"seeds/harbour.txt": seed, "briefs/terminal-audit.yml": brief,
                       "briefs/terminal-delay.yml": yaml.safe_dump(OTHER_BRIEF, allow_unicode=True).encode(),
                       "briefs/_actors.yml": yaml.safe_dump(BASE_ACTORS, allow_unicode=True).encode()})


@PROFILE
@given(brief=as_bytes(dumped(mutated(BASE_BRIEF))), other=as_bytes(dumped(mutated(OTHER_BRIEF))),
       actors=actors_files)
def test_any_mutation_of_a_valid_corpus(brief, other, actors):
    assert_properties({"seeds/harbour.txt": SEED.encode(), "briefs/terminal-audit.yml": brief,
                       "briefs/terminal-delay.yml": other, "briefs/_actors.yml": actors})


@PROFILE
@given(seed=seed_files)
def test_any_seed_under_a_valid_brief(seed):
    assert_properties({"seeds/harbour.txt": seed,
                       "briefs/terminal-delay.yml": yaml.safe_dump(OTHER_BRIEF, allow_unicode=True).encode()})


# -- what fuzzing found, pinned -----------------------------------------------------------------

FOUND = [
    # (story, the line of the minimal brief replaced, where the diagnostic must be)
    ("a null in a list of actor ids", ("by: [ana-ruiz]", "by: [~]"), "briefs/terminal-delay.yml:11:10"),
    ("an empty item in a list of actor ids", ("by: [ana-ruiz]", "by: [ana-ruiz, ]"), None),
    ("a null claim", ("claims:\n", "claims:\n  - ~\n"), "briefs/terminal-delay.yml:10:5"),
]


@pytest.mark.parametrize("story, change, place", FOUND, ids=[f[0] for f in FOUND])
def test_what_fuzzing_found_is_reported_not_raised(tmp_path, story, change, place):
    brief = MINIMAL_BRIEF.replace(*change)
    assert brief != MINIMAL_BRIEF
    root = write_files(tmp_path, {"seeds/harbour.txt": SEED, "briefs/terminal-delay.yml": brief})

    code, out, err = run_cli("check", "--root", str(root))

    assert "Traceback" not in err, err
    if place is None:
        assert code in (0, 1)
    else:
        assert code == 1
        assert [line.split(": error: ")[0] for line in out.splitlines()][:1] == [place]
