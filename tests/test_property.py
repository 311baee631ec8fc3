"""Properties that hold for any input a contributor could write.

Bounded (about 200 examples each, derandomized so CI sees the same cases),
no deadlines: these check outcomes, not speed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.anchor import Ambiguous, Anchor, find_quote, normalize_quote
from generator.diagnostics import Diagnostic
from generator.seeds import parse_seed
from generator.validate import check_corpus

from conftest import HARBOUR_SEED, MINIMAL_BRIEF, write_corpus

SETTINGS = settings(max_examples=200, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

KEYS = ["seed", "title", "date", "summary", "source", "url", "tags", "actors", "claims", "implications", "id",
        "name", "kind", "by", "about", "quote", "occurrence", "statement", "because", "evidence", "review",
        "rating", "sources", "member_of", "supports", "contradicts", "likelihood", "wikidata"]
WORDS = ["harbour.txt", "ana-ruiz", "person", "the terminal would cost less than planned", "2024-05-02",
         "0000-00-00", "yes", "no", "~", "1", "0", "-1", "https://example.org", "javascript:x", "con", "Q42",
         "the delays were foreseeable", "", " ", "\u201c", "\u2014", "*a", "&a", "!!str", "- x", "a: b", "#"]

scalars = st.one_of(st.none(), st.sampled_from(WORDS), st.text(max_size=20))
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner, max_size=5),
    ),
    max_leaves=25,
)


@st.composite
def yamlish(draw):
    """A YAML document, then maybe mangled: characters inserted, deleted or swapped."""
    text = yaml.safe_dump(draw(documents), allow_unicode=draw(st.booleans()), sort_keys=False)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["insert", "delete", "cut"]))
        if edit == "insert":
            text = text[:at] + draw(st.text(min_size=1, max_size=3)) + text[at:]
        elif edit == "delete":
            text = text[:at] + text[at + 1 :]
        else:
            text = text[:at]
    return text


mangled_brief = st.builds(
    lambda text, at, junk: text[:at] + junk + text[at:],
    st.just(MINIMAL_BRIEF), st.integers(0, len(MINIMAL_BRIEF)), st.text(max_size=4),
)
brief_contents = st.one_of(yamlish(), mangled_brief, st.text(max_size=200), st.binary(max_size=200))
seed_contents = st.one_of(st.text(max_size=300), st.binary(max_size=200),
                          st.builds(lambda s, junk: s + junk, st.just(HARBOUR_SEED), st.text(max_size=5)))


def assert_well_formed(problems):
    assert isinstance(problems, list)
    for problem in problems:
        assert isinstance(problem, Diagnostic)
        assert problem.path and problem.path.startswith(("briefs/", "seeds/")), problem
        assert problem.line >= 1 and problem.col >= 1, problem
        assert problem.message.strip(), problem


@SETTINGS
@given(brief=brief_contents, shared=st.one_of(st.none(), yamlish()))
@example(brief=MINIMAL_BRIEF, shared=None)
def test_check_never_raises_whatever_the_briefs_contain(brief, shared):
    with tempfile.TemporaryDirectory() as tmp:
        files = {"briefs/terminal-delay.yml": brief}
        if shared is not None:
            files["briefs/_actors.yml"] = shared
        root = write_corpus(Path(tmp), files)

        corpus, problems = check_corpus(root)

    assert (corpus is None) == bool(problems)
    assert_well_formed(problems)


@SETTINGS
@given(seed=seed_contents)
def test_check_never_raises_whatever_the_seed_contains(seed):
    with tempfile.TemporaryDirectory() as tmp:
        root = write_corpus(Path(tmp), {"seeds/harbour.txt": seed, "briefs/terminal-delay.yml": MINIMAL_BRIEF})

        corpus, problems = check_corpus(root)

    assert (corpus is None) == bool(problems)
    assert_well_formed(problems)


# -- every passage of a seed can be quoted -------------------------------------------------------

letters = st.characters(whitelist_categories=("Lu", "Ll", "Nd"), max_codepoint=0x24F)
punctuation = st.sampled_from(list(",.;:!?()'\"-\u2018\u2019\u201c\u201d\u2013\u2014\u00ab\u00bb\u2026"))
words = st.text(st.one_of(letters, punctuation), min_size=1, max_size=8)
gaps = st.sampled_from([" ", " ", " ", "  ", "\n", " \n ", "\t", "\u00a0"])
VARIANTS = str.maketrans({"\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-"})


@st.composite
def paragraph_and_quote(draw):
    body = draw(st.lists(words, min_size=1, max_size=30))
    seps = [draw(gaps) for _ in body[1:]]
    text = "Text " + "".join(w + s for w, s in zip(body, seps)) + body[-1] + "."
    first = draw(st.integers(0, len(body) - 1))
    last = draw(st.integers(first, len(body) - 1))
    quote = " ".join(body[first : last + 1])
    if draw(st.booleans()):
        quote = quote.translate(VARIANTS)  # the contributor typed straight quotes and hyphens
    if draw(st.booleans()):
        quote = "  " + quote.replace(" ", draw(gaps)) + "\n"
    return text, quote


@SETTINGS
@given(paragraph_and_quote())
def test_any_run_of_words_in_a_paragraph_is_found_where_it_is(case):
    text, quote = case
    seed, problems = parse_seed(text, "s.txt", "seeds/s.txt")
    assert problems == []
    assert len(seed.blocks) == 1

    result = find_quote(seed, quote)
    if isinstance(result, Ambiguous):
        result = find_quote(seed, quote, occurrence=result.count)

    assert isinstance(result, Anchor), result
    passage = seed.blocks[result.block].text[result.start : result.end]
    assert normalize_quote(passage) == normalize_quote(quote)
    assert passage == passage.strip()
