"""Generate a synthetic corpus of N briefs (with seeds) for benchmarks and scale tests.

The text is built to look like news to a search index and to MkDocs: articles of
about 450 words in 9 paragraphs, words drawn from a Zipf-distributed vocabulary
of some 20,000 made-up words (plus English function words), actors with names,
and one brief in four written in another script (Cyrillic, Greek, Arabic, Chinese)
or with accented Latin names. Everything is derived from ``seed``: the same call
writes the same bytes.
"""

from __future__ import annotations

import itertools
import random
import time
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")

_FUNCTION_WORDS = (
    "the of and to in a that for on is was said with as by at from it be has have its are "
    "which not this but were after their an had who will been would they more also over new than"
).split()
_TOPICS = (
    "ministry council border talks ceasefire militia reform budget election treaty envoy "
    "sanctions pipeline drought harvest refugees parliament coalition governor tribunal "
    "protest convoy summit reservoir corridor mandate"
).split()
# Syllables per script: made-up words and names that tokenise like the real thing.
_SYLLABLES = {
    "latin": "ka ro mi ten sal vor du pe lan tis mar be no ris ga fel o ur an et".split(),
    "accented": "dvo řák šte fán ž ó lé ň ça gü ö ß ä ér ø å ł ś".split(),
    "cyrillic": "ор ло ва ми ха ил пе тр ов ск ий на ко ль де ре ус то".split(),
    "greek": "πα πα δο που λου νι κο λα ος μα ρι α κω στα ε λε νη".split(),
    "arabic": "مح مد عب د ال له حس ين كر يم نو ر سا لم فا طم ة".split(),
    "chinese": list("中国政府表示将继续推进改革开放经济发展会议部长外交合作安全人民"),
}
# One brief in four is in another script; which one depends only on the brief number.
_BRIEF_SCRIPTS = ("latin", "latin", "latin", "latin", "latin", "latin", "latin", "latin",
                  "cyrillic", "latin", "greek", "latin", "arabic", "latin", "chinese", "accented")
VOCABULARY = 20_000
PARAGRAPHS = 9
WORDS_PER_PARAGRAPH = 62


def _word(rng: random.Random, script: str, syllables: int) -> str:
    parts = _SYLLABLES[script]
    return "".join(rng.choice(parts) for _ in range(syllables))


class _Text:
    """Zipf-distributed words (rank r drawn with weight 1/r), per script."""

    def __init__(self, seed: int):
        rng = random.Random(seed)
        latin = list(dict.fromkeys(_TOPICS + [_word(rng, "latin", rng.randint(2, 4)) for _ in range(VOCABULARY)]))
        self.vocab = {"latin": _FUNCTION_WORDS + latin}
        for script in ("accented", "cyrillic", "greek", "arabic", "chinese"):
            size = 3_000
            words = [_word(rng, script, rng.randint(2, 4) if script != "chinese" else 2) for _ in range(size)]
            self.vocab[script] = list(dict.fromkeys(words))
        self.weights = {
            script: list(itertools.accumulate(1 / rank for rank in range(1, len(words) + 1)))
            for script, words in self.vocab.items()
        }

    def words(self, rng: random.Random, script: str, n: int) -> list[str]:
        native = rng.choices(self.vocab[script], cum_weights=self.weights[script], k=n)
        if script in ("latin", "accented"):
            return native
        # Articles in another script still quote Latin names and acronyms now and then.
        latin = rng.choices(self.vocab["latin"], cum_weights=self.weights["latin"], k=n)
        return [lat if rng.random() < 0.1 else nat for nat, lat in zip(native, latin)]

    def sentence(self, rng: random.Random, script: str, n: int) -> str:
        words = self.words(rng, script, n)
        joiner = "" if script == "chinese" else " "
        return joiner.join(words).capitalize() + ("。" if script == "chinese" else ".")

    def name(self, rng: random.Random, script: str) -> str:
        if script == "chinese":
            return _word(rng, "chinese", 3)
        first = _word(rng, script, 2).capitalize()
        last = _word(rng, script, 3).capitalize()
        return f"{first} {last}"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_corpus(root: Path, n_briefs: int, *, claims: int = 6, implications: int = 3, seed: int = 7) -> Path:
    """Write ``n_briefs`` briefs with their seeds and shared actors under ``root``.

    Ids are stable whatever the text: ``brief-000005``, ``claim-000005-2``,
    ``implication-000005-1``, ``person-000005`` and shared ``actor-00003``.
    """
    text = _Text(seed)
    rng = random.Random(seed)
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "briefs").mkdir(parents=True, exist_ok=True)
    n_shared = max(5, n_briefs // 4)
    shared = [f"actor-{i:05d}" for i in range(n_shared)]
    with open(root / "briefs" / "_actors.yml", "w", encoding="utf-8") as out:
        for actor in shared:
            out.write(f"- id: {actor}\n  name: Actor {actor[6:]}\n  kind: group\n")
    for b in range(n_briefs):
        script = _BRIEF_SCRIPTS[b % len(_BRIEF_SCRIPTS)]
        person = text.name(rng, script)
        paragraphs = []
        quotes = []
        for p in range(max(PARAGRAPHS, claims + 2)):
            # A unique token per paragraph makes every quote occur exactly once.
            token = f"item{b}x{p}"
            words = WORDS_PER_PARAGRAPH - 12
            body = text.sentence(rng, script, words // 2)
            if p == 1:
                body += f" {person} said."
            paragraphs.append(f"{body} The {token} report {text.sentence(rng, script, words - words // 2)}")
            if p < claims:
                quotes.append(f"The {token} report")
        day = 1 + b % 28
        seed_name = f"{b:06d}.txt"
        article = f"date 2024-03-{day:02d} " + "\n\nSection heading\n\n".join(paragraphs[:2])
        article += "\n\n" + "\n\n".join(paragraphs[2:]) + "\n"
        (root / "seeds" / seed_name).write_text(article, encoding="utf-8")
        local = f"person-{b:06d}"
        used = rng.sample(shared, 3)
        lines = [
            f"seed: {seed_name}",
            f"title: {_quoted(f'Synthetic brief {b}: ' + text.sentence(rng, script, 6))}",
            f"summary: {_quoted(text.sentence(rng, script, 25))}",
            "tags: [synthetic, " + rng.choice(_TOPICS) + "]",
            "actors:",
            f"  - id: {local}",
            f"    name: {_quoted(person)}",
            "    kind: person",
            f"    member_of: [{used[0]}]",
            *[f"  - {a}" for a in used],
            "claims:",
        ]
        for c, quote in enumerate(quotes):
            other = f"claim-{b:06d}-{c - 1}" if c else None
            lines += [
                f"  - id: claim-{b:06d}-{c}",
                f"    by: [{local if c % 2 else used[c % 3]}]",
                f"    statement: {_quoted(text.sentence(rng, script, 12))}",
                f'    quote: "{quote}"',
                f"    about: [{used[(c + 1) % 3]}]",
            ]
            if other:
                lines.append(f"    {'supports' if c % 2 else 'contradicts'}: [{other}]")
            if b and c == 0:
                lines.append(f"    supports: [claim-{b - 1:06d}-1]")  # a cross-brief relation
        lines.append("implications:")
        for i in range(implications):
            lines += [
                f"  - id: implication-{b:06d}-{i}",
                f"    statement: {_quoted(text.sentence(rng, script, 14))}",
                f"    because: [claim-{b:06d}-{i}]",
                f"    affects: [{used[i % 3]}, {local}]",
                "    likelihood: likely",
                "    confidence: moderate",
                "    horizon: near-term",
            ]
        (root / "briefs" / f"brief-{b:06d}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def best_of(run: Callable[[], T], times: int = 3) -> tuple[float, T]:
    """The fastest of ``times`` runs of ``run`` (seconds), and what the last run returned."""
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def layered_actors(layers: int, *, loop: bool = False) -> str:
    """``briefs/_actors.yml`` for the shape that made the old member_of loop search
    exponential: two group actors per layer, each a member of both actors of the next
    layer (2**layers paths from the top). With ``loop``, the last layer is a member of
    the first, which makes the whole graph one loop."""
    lines = []
    for layer in range(layers):
        nxt = layer + 1 if layer + 1 < layers else (0 if loop else None)
        for side in "ab":
            lines += [f"- id: layer-{layer:02d}-{side}", f"  name: Layer {layer} {side.upper()}", "  kind: group"]
            if nxt is not None:
                lines.append(f"  member_of: [layer-{nxt:02d}-a, layer-{nxt:02d}-b]")
    return "\n".join(lines) + "\n"
