"""Generate a synthetic corpus of N briefs (with seeds) for benchmarks and scale tests."""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")

_WORDS = (
    "ministry council border talks ceasefire militia reform budget election treaty envoy "
    "sanctions pipeline drought harvest refugees parliament coalition governor tribunal "
    "protest convoy summit reservoir corridor mandate"
).split()


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def write_corpus(root: Path, n_briefs: int, *, claims: int = 6, implications: int = 3, seed: int = 7) -> Path:
    """Write ``n_briefs`` briefs with their seeds and shared actors under ``root``."""
    rng = random.Random(seed)
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "briefs").mkdir(parents=True, exist_ok=True)
    n_shared = max(5, n_briefs // 4)
    shared = [f"actor-{i:05d}" for i in range(n_shared)]
    with open(root / "briefs" / "_actors.yml", "w", encoding="utf-8") as out:
        for actor in shared:
            out.write(f"- id: {actor}\n  name: Actor {actor[6:]}\n  kind: group\n")
    for b in range(n_briefs):
        paragraphs = []
        quotes = []
        for p in range(claims + 2):
            # A unique token per paragraph makes every quote occur exactly once.
            token = f"item{b}x{p}"
            sentence = _sentence(rng, 18)
            paragraphs.append(f"{sentence} The {token} report {_sentence(rng, 12)}")
            if p < claims:
                quotes.append(f"The {token} report")
        day = 1 + b % 28
        seed_name = f"{b:06d}.txt"
        text = f"date 2024-03-{day:02d} " + "\n\nSection heading\n\n".join(paragraphs) + "\n"
        (root / "seeds" / seed_name).write_text(text, encoding="utf-8")
        local = f"person-{b:06d}"
        used = rng.sample(shared, 3)
        lines = [
            f"seed: {seed_name}",
            f"title: Synthetic brief {b}",
            f"summary: {_sentence(rng, 25)}",
            "tags: [synthetic, " + rng.choice(_WORDS) + "]",
            "actors:",
            f"  - id: {local}",
            f"    name: Person {b}",
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
                f"    statement: {_sentence(rng, 10)}",
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
                f"    statement: {_sentence(rng, 10)}",
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
