"""How long do the graph walks take on shapes built to be slow?

    python benchmarks/bench_graphs.py [LAYERS ...]     (default: 10 20 24 30 100 1000)

Prints, for each depth, the time of ``briefs check`` on a corpus whose
``_actors.yml`` holds two group actors per layer, each a member of both actors of
the next layer (the shape that made the former member_of loop search
exponential: 2.1 s at 20 layers, 25.9 s at 24, unfinished after 120 s at 30),
without and with a loop back to the first layer. Then the time to link one brief
that names N actors (the related-actors relation was quadratic in N).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import best_of, layered_actors  # noqa: E402

from generator.link import link_corpus  # noqa: E402
from generator.validate import check_corpus  # noqa: E402

SEED = "date 2024-05-01 The council met the harbour board on Monday.\n"


def _corpus(root: Path, actors_yml: str, brief: str | None = None) -> Path:
    (root / "seeds").mkdir(parents=True)
    (root / "briefs").mkdir()
    (root / "seeds" / "harbour.txt").write_text(SEED, encoding="utf-8")
    (root / "briefs" / "_actors.yml").write_text(actors_yml, encoding="utf-8")
    if brief:
        (root / "briefs" / "crowded.yml").write_text(brief, encoding="utf-8")
    return root


def member_of(depths: list[int]) -> None:
    print(f"{'layers':>7} {'actors':>7} {'bytes':>7} {'check (s)':>10} {'with loop (s)':>14}")
    for layers in depths:
        row = []
        for loop in (False, True):
            with tempfile.TemporaryDirectory() as tmp:
                text = layered_actors(layers, loop=loop)
                root = _corpus(Path(tmp), text)
                best, (_, problems) = best_of(lambda: check_corpus(root))
                assert len(problems) == (1 if loop else 0), problems
                row.append(best)
        print(f"{layers:>7} {2 * layers:>7} {len(layered_actors(layers).encode()):>7} {row[0]:>10.3f} {row[1]:>14.3f}")


def related(sizes: list[int]) -> None:
    print(f"\n{'actors in one brief':>20} {'link (s)':>9}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            actors = "".join(f"- {{id: a{i:05d}, name: Actor {i}, kind: group}}\n" for i in range(n))
            brief = ("seed: harbour.txt\ntitle: Crowded\nsummary: Everyone at once.\nactors: ["
                     + ", ".join(f"a{i:05d}" for i in range(n)) + "]\n")
            corpus, problems = check_corpus(_corpus(Path(tmp), actors, brief))
            assert corpus is not None, problems[:3]
            best, _ = best_of(lambda: link_corpus(corpus))
            print(f"{n:>20} {best:>9.3f}")


if __name__ == "__main__":
    member_of([int(a) for a in sys.argv[1:]] or [10, 20, 24, 30, 100, 1000])
    related([100, 1000, 5000])
