"""What the browser tests look for, picked from the corpus a site was built from.

Every pick is a pure function of the validated ``Corpus`` (``check_corpus``),
so the same tests run on any corpus: the example, the multi-brief fixture, or
a new one. Picks are deterministic: ties break on ids, then on words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from generator.corpus import BriefRecord, ClaimRecord, Corpus

# Words a reader would type: letters only (any script), long enough not to be a
# stop word. Actor names are typed exactly as written (`actor_to_search`); words
# in every script are searched in test_search.py.
_WORD = re.compile(r"[^\W\d_]{5,}")


def words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _strings(value: Any) -> Iterable[str]:
    """Every string inside a dumped pydantic model (nested dicts, lists, tuples)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def annotation_words(corpus: Corpus) -> set[str]:
    """Every word written by an annotator: titles, summaries, statements, quotes, names, notes, ids."""
    found: set[str] = set()
    for brief in corpus.briefs:
        for text in _strings(brief.doc.model_dump(mode="json")):
            found |= words(text)
    for record in corpus.actors.values():
        for text in _strings(record.actor.model_dump(mode="json")):
            found |= words(text)
    return found


@dataclass(frozen=True)
class Search:
    """A term to type in the search box and the page a reader expects to reach with it."""

    term: str
    page: str  # site-relative path, e.g. "actors/helena-varga.html"
    heading: str  # text the page's <h1> contains


def brief_to_read(corpus: Corpus) -> BriefRecord:
    """The brief with the most claims (the richest article to read)."""
    counts = Counter(record.brief for record in corpus.claims.values())
    return min(corpus.briefs, key=lambda b: (-counts[b.id], b.id))


def actor_to_search(corpus: Corpus) -> Search:
    """The actor who makes the most claims, searched by the name the annotation gives it."""
    made = Counter(actor for record in corpus.claims.values() for actor in record.claim.by)
    actor_id = min(made, key=lambda a: (-made[a], a))
    name = corpus.actors[actor_id].actor.name
    return Search(name, f"actors/{actor_id}.html", name)


def claim_to_search(corpus: Corpus) -> Search:
    """A claim and the longest word of its statement that no other claim, title or actor uses."""
    names: set[str] = set()
    for record in corpus.actors.values():
        names |= words(record.actor.name)
        for alias in record.actor.aliases:
            names |= words(alias)
    titles = set().union(*(words(b.title) for b in corpus.briefs))
    statement_words = {cid: words(r.claim.statement) for cid, r in corpus.claims.items()}
    candidates = []
    for cid, own in statement_words.items():
        elsewhere = set().union(*(ws for other_id, ws in statement_words.items() if other_id != cid))
        for word in own - elsewhere - names - titles:
            candidates.append((-len(word), word, cid))
    assert candidates, "no claim statement has a word of its own to search for"
    _, word, cid = min(candidates)
    statement = corpus.claims[cid].claim.statement
    return Search(word, f"claims/{cid}.html", statement)


def article_word(corpus: Corpus, docs: Path) -> Search:
    """A word only the article text has: in one seed, in no annotation, in no hand-written page.

    Preferably from a paragraph no quote is anchored in, so that only the
    brief page shows it (claim pages show the paragraph around their quote).
    """
    taken = annotation_words(corpus)
    for page in docs.rglob("*.md"):
        taken |= words(page.read_text(encoding="utf-8"))
    seeds_of = Counter(w for brief in corpus.briefs for w in {w for b in brief.seed.blocks for w in words(b.text)})
    anchored = _anchored_blocks(corpus)
    best: tuple[tuple[int, int, str], BriefRecord] | None = None
    for brief in corpus.briefs:
        for index, block in enumerate(brief.seed.blocks):
            quoted = (brief.id, index) in anchored
            for word in words(block.text) - taken:
                if seeds_of[word] == 1:
                    key = (int(quoted), -len(word), word)
                    if best is None or key < best[0]:
                        best = (key, brief)
    assert best is not None, "no word of any article is absent from every annotation"
    (_, _, word), brief = best
    return Search(word, f"briefs/{brief.id}.html", brief.title)


def _anchored_blocks(corpus: Corpus) -> set[tuple[str, int]]:
    """(brief id, block index) of every block a claim, evidence or implication quote sits in."""
    blocks: set[tuple[str, int]] = set()
    for record in corpus.claims.values():
        blocks.add((record.brief, record.anchor.block))
        blocks |= {(record.brief, a.block) for a in record.evidence_anchors if a is not None}
    for record in corpus.implications.values():
        if record.anchor is not None:
            blocks.add((record.brief, record.anchor.block))
    return blocks


def contradiction(corpus: Corpus) -> tuple[ClaimRecord, ClaimRecord]:
    """A claim and one it contradicts, preferably in another brief."""
    pairs = [
        (record, corpus.claims[other])
        for record in corpus.claims.values()
        for other in record.claim.contradicts
    ]
    assert pairs, "the corpus has no contradiction between claims"
    return min(pairs, key=lambda p: (p[0].brief == p[1].brief, p[0].id, p[1].id))
