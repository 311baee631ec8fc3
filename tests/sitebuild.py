"""Build real sites for the site tests and read them back as a reader's browser would.

``build_site_from`` makes a corpus folder the way a contributor's checkout
looks (the repository's ``mkdocs.yml``, ``overrides/`` and ``docs/`` plus a
corpus's ``seeds/`` and ``briefs/``) and runs ``briefs build`` on it. The
other helpers parse the built HTML with BeautifulSoup: the tests assert on
what the site contains, never on the generated Markdown.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

from generator.cli import main

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
MULTI = TESTS / "fixtures" / "site" / "multi"
SITE_FILES = ("mkdocs.yml", "overrides", "docs")  # what a corpus needs besides seeds/ and briefs/
SITE_SOURCE = REPO  # where mkdocs.yml, overrides/ and docs/ come from


def make_corpus(corpus_src: Path, dest: Path) -> Path:
    """A corpus folder at ``dest``: the repository's site configuration plus ``corpus_src``'s
    ``seeds/`` and ``briefs/``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        src = SITE_SOURCE / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    for name in ("seeds", "briefs"):
        shutil.copytree(corpus_src / name, dest / name)
    return dest


def run_build(corpus: Path, *extra: str) -> int:
    """``briefs build --root CORPUS`` in-process; returns the exit status.

    Workaround: ``generator.build.build_site`` sets SOURCE_DATE_EPOCH in
    ``os.environ`` when it is unset and never removes it, so one build would
    stamp the next corpus's sitemap.xml.gz with its own date. Each build here
    runs without it (the date comes from the corpus, as in CI) and leaves the
    environment as it found it (the leak itself is
    test_site.py::test_a_build_leaves_the_process_environment_as_it_was).
    """
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        try:
            return main(["build", "--root", str(corpus), *extra])
        except SystemExit as exc:  # argparse usage errors
            return exc.code if isinstance(exc.code, int) else 1
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def build_site_from(corpus_src: Path, dest: Path) -> Path:
    """Build ``corpus_src`` (a folder holding seeds/ and briefs/) in a corpus folder at
    ``dest``; return the built site folder."""
    corpus = make_corpus(corpus_src, dest)
    code = run_build(corpus)
    assert code == 0, f"briefs build --root {corpus} exited with {code}"
    site = corpus / "site"
    assert (site / "index.html").is_file()
    return site


def build_site_in_language(corpus_src: Path, dest: Path, language: str) -> Path:
    """``build_site_from`` with ``theme.language: <language>`` in the corpus's mkdocs.yml."""
    corpus = make_corpus(corpus_src, dest)
    config = (corpus / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  language: en\n" in config, "mkdocs.yml no longer sets theme.language: en"
    (corpus / "mkdocs.yml").write_text(config.replace("\n  language: en\n", f"\n  language: {language}\n"),
                                       encoding="utf-8")
    code = run_build(corpus)
    assert code == 0, f"briefs build --root {corpus} exited with {code}"
    return corpus / "site"


def tree_digest(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under ``folder``."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# ---------------------------------------------------------------------------
# Reading the built site


@dataclass
class BuiltSite:
    """A built site folder, with every HTML page parsed once (parsing is the slow part)."""

    root: Path
    _soups: dict[str, BeautifulSoup] = field(default_factory=dict, repr=False)
    _ids: dict[str, set[str]] = field(default_factory=dict, repr=False)

    def pages(self) -> list[str]:
        """Every HTML page, as a path relative to the site root (``claims/x.html``)."""
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))

    def soup(self, page: str) -> BeautifulSoup:
        if page not in self._soups:
            self._soups[page] = BeautifulSoup((self.root / page).read_text(encoding="utf-8"), "html.parser")
        return self._soups[page]

    def ids(self, page: str) -> set[str]:
        """Every element id of the page (what a ``#fragment`` can point to)."""
        if page not in self._ids:
            self._ids[page] = {str(el["id"]) for el in self.soup(page).find_all(id=True)}
        return self._ids[page]

    def exists(self, page: str) -> bool:
        return (self.root / page).is_file()


# Attributes that make the browser fetch or navigate to a URL.
URL_ATTRIBUTES = (
    ("a", "href"), ("area", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
    ("iframe", "src"), ("source", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"),
    ("track", "src"), ("video", "poster"), ("object", "data"), ("form", "action"),
)
# <link rel=...> values that load something.
LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "prefetch", "modulepreload",
                "manifest", "preconnect", "dns-prefetch", "mask-icon"}


def url_references(soup: BeautifulSoup) -> Iterator[tuple[Tag, str, str]]:
    """``(element, attribute, url)`` for every URL-carrying attribute of the page."""
    for name, attr in URL_ATTRIBUTES:
        for el in soup.find_all(name):
            value = el.get(attr)
            if isinstance(value, str):
                yield el, attr, value
    for el in soup.find_all(srcset=True):
        for candidate in str(el["srcset"]).split(","):
            if candidate.strip():
                yield el, "srcset", candidate.split()[0]


def is_external(url: str) -> bool:
    """A link to another host: a scheme (http:, mailto:, ...) or a protocol-relative ``//host``."""
    url = url.strip()
    return bool(urlsplit(url).scheme) or url.startswith("//")


def resolve(page: str, url: str) -> tuple[str, str]:
    """The site-relative path and fragment a relative ``url`` on ``page`` points to.

    ``("", "frag")`` for ``#frag``; a path that climbs above the site root
    comes back starting with ``../`` (the caller reports it as broken).
    """
    parts = urlsplit(url)
    fragment = unquote(parts.fragment)
    if not parts.path:
        return page, fragment
    path = unquote(parts.path)
    if path.startswith("/"):
        return "/" + path.lstrip("/"), fragment  # absolute: not allowed in a site that works from any sub-path
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if path.endswith("/") or joined == ".":
        joined = posixpath.join(joined, "index.html") if joined != "." else "index.html"
    return joined, fragment


_FOLD = str.maketrans({
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
})


def normalise(text: str) -> str:
    """Text as quote matching sees it (spec §2): straight quotes, one dash, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_FOLD).split())


def text_of(el: Tag | BeautifulSoup | None) -> str:
    """Visible text with whitespace collapsed."""
    return " ".join(el.get_text().split()) if el is not None else ""


def content(soup: BeautifulSoup) -> Tag:
    """The page's own content (Material's article), without navigation and header.

    The self-contained 404 page (overrides/404.html) has a plain <main> instead.
    """
    article = soup.select_one("article.md-content__inner") or soup.select_one("body > main")
    assert article is not None, "no article.md-content__inner on the page"
    return article


def header_title(soup: BeautifulSoup) -> str:
    """The page title Material shows in the header bar (the second topic; the first is the site name)."""
    topics = soup.select(".md-header__title .md-header__topic .md-ellipsis")
    return text_of(topics[-1]) if topics else ""


def section(soup: BeautifulSoup, heading: str) -> list[Tag]:
    """The elements after the ``<h2>`` whose text is ``heading``, up to the next ``<h2>``."""
    h2 = next((h for h in content(soup).find_all("h2") if text_of(h).rstrip("¶").strip() == heading), None)
    assert h2 is not None, f"no section {heading!r}"
    out = []
    for sib in h2.find_next_siblings():
        if sib.name == "h2":
            break
        out.append(sib)
    return out


def relation(soup: BeautifulSoup, label: str) -> Tag | None:
    """The ``<dd>`` after ``<dt>label</dt>`` in a claim page's relations list, or None."""
    for dt in content(soup).select("dl.relations dt"):
        if text_of(dt) == label:
            return dt.find_next_sibling("dd")
    return None


def quoted_in(segment: Tag, kind: str = "claim") -> list[str]:
    """The ids of the claims (or implications) whose quotes cover a highlighted segment
    (its ``data-quotes``, which the highlight card reads)."""
    refs = str(segment.get("data-quotes", "")).split()
    return [ref.split(":", 1)[1] for ref in refs if ref.startswith(kind + ":")]


def quote_segments(soup: BeautifulSoup, claim_id: str) -> tuple[Tag, list[Tag]]:
    """The anchor ``#claim-<id>`` on a brief page and the highlighted segments of that claim.

    The anchor must come right before the quote's first segment (only other
    quote anchors may stand between them); the quote is every consecutive
    segment (``a.claim-quote``, or ``a.implication-quote`` nested in it) whose
    ``data-quotes`` names the claim.
    """
    anchor = soup.find(id=f"claim-{claim_id}")
    assert anchor is not None, f"no element with id claim-{claim_id}"
    segments: list[Tag] = []
    node = anchor.next_sibling
    while node is not None:
        if isinstance(node, Tag) and {"quote-anchor", "speaker-chip"} & set(node.get("class") or []):
            node = node.next_sibling
            continue
        if isinstance(node, Tag) and node.name == "a" and claim_id in quoted_in(node):
            segments.append(node)
            node = node.next_sibling
            continue
        break
    return anchor, segments


def layout_pages(corpus) -> list[str]:
    """Every page of the URL layout (spec §4) for ``corpus``, as site-relative paths."""
    pages = ["index.html", "actors/index.html", "claims/index.html", "implications/index.html",
             "timeline.html", "tags.html"]
    pages += [f"briefs/{b.id}.html" for b in corpus.briefs]
    pages += [f"actors/{a}.html" for a in corpus.actors]
    pages += [f"claims/{c}.html" for c in corpus.claims]
    pages += [f"implications/{i}.html" for i in corpus.implications]
    pages += sorted({f"tags/{tag}.html" for b in corpus.briefs for tag in b.doc.tags})
    return pages
