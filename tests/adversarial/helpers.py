"""Helpers of the adversarial suite: corpora, builds, digests and the "is this HTML inert?" checks.

Everything here reads the repository the tests live in (``REPO``), so a scratch
copy of the repository with a protection removed runs its own code and
configuration (see docs/security.md).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import posixpath
import re
import shutil
import traceback
from pathlib import Path
from typing import Iterator

from bs4 import BeautifulSoup, Tag

from generator.cli import main
from sitebuild import BuiltSite

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FIXTURES = HERE / "fixtures"
CHECK_CASES = FIXTURES / "check"
SHARED_SEED = FIXTURES / "seeds" / "harbour.txt"
SITE_FILES = ("mkdocs.yml", "overrides", "docs")  # what a corpus needs besides seeds/ and briefs/


# -- corpora and commands -------------------------------------------------------------------


def copy_case(case: Path, dest: Path) -> Path:
    """A writable copy of a check case at ``dest``; the shared seed is added when the case has no seeds/."""
    shutil.copytree(case, dest, ignore=shutil.ignore_patterns("expected*.txt"))
    if not (dest / "seeds").exists():
        (dest / "seeds").mkdir()
        shutil.copy(SHARED_SEED, dest / "seeds" / SHARED_SEED.name)
    (dest / "briefs").mkdir(exist_ok=True)
    return dest


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative path: content}`` under ``root`` (bytes verbatim, text as UTF-8)."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    for folder in ("seeds", "briefs"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    return root


CRASHED = -1  # the exit status run_cli reports when briefs raised instead of reporting


def run_cli(*argv: str) -> tuple[int, str, str]:
    """``briefs ARGV`` in-process: (exit status, stdout, stderr). Usage errors exit 2; an
    exception (a crash, not a report) gives CRASHED with the traceback in stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except Exception:
            code = CRASHED
            traceback.print_exc()
    return code, out.getvalue(), err.getvalue()


def check(root: Path) -> tuple[int, list[str]]:
    """``briefs check --root ROOT``: (exit status, stdout lines), without the advice lines
    (``warning:``, e.g. a brief without a source licence: tests/test_check_cli.py covers them)."""
    code, out, _ = run_cli("check", "--root", str(root))
    return code, [line for line in out.splitlines() if ": warning: " not in line]


def make_corpus(corpus_src: Path, dest: Path) -> Path:
    """A corpus at ``dest``: this repository's site configuration plus ``corpus_src``'s seeds/ and briefs/."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            shutil.copy2(src, dest / name)
    for name in ("seeds", "briefs"):
        shutil.copytree(corpus_src / name, dest / name)
    return dest


@contextlib.contextmanager
def own_source_date_epoch() -> Iterator[None]:
    """``build_site`` sets SOURCE_DATE_EPOCH in os.environ and leaves it there; undo that."""
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def build(root: Path, *extra: str) -> tuple[int, str, str]:
    """``briefs build --root ROOT`` in-process: (exit status, stdout, stderr)."""
    with own_source_date_epoch():
        return run_cli("build", "--root", str(root), *extra)


def tree_digest(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under ``folder`` (and '<dir>' for every folder)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        out[rel] = "<dir>" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def case_names(prefix: str) -> list[str]:
    """Check cases (``fixtures/check/<name>/`` with an ``expected.txt``) whose name starts with ``prefix``."""
    return sorted(p.name for p in CHECK_CASES.iterdir()
                  if p.is_dir() and p.name.startswith(prefix) and (p / "expected.txt").is_file())


def expected_lines(case: str, name: str = "expected.txt") -> list[str]:
    return (CHECK_CASES / case / name).read_text(encoding="utf-8").splitlines()


# -- reading the built site -----------------------------------------------------------------


# A built site, every HTML page parsed once: the same helper the site tests use.
Site = BuiltSite


def norm(text: str) -> str:
    """Whitespace collapsed (as a reader sees text)."""
    return " ".join(text.split())


def text_of(el: Tag | BeautifulSoup | None) -> str:
    return norm(el.get_text()) if el is not None else ""


def article(soup: BeautifulSoup) -> Tag:
    found = soup.select_one("article.md-content__inner")
    assert found is not None, "no article.md-content__inner on the page"
    return found


def header_title(soup: BeautifulSoup) -> str:
    topics = soup.select(".md-header__title .md-header__topic .md-ellipsis")
    return text_of(topics[-1]) if topics else ""


def page_title(soup: BeautifulSoup) -> str:
    return text_of(soup.title)


# Attributes whose value the browser follows or loads as a URL.
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "srcset")
_STRIP = re.compile(r"[\x00-\x20\x7f-\x9f]+")  # what browsers ignore in a URL's scheme


def dangerous_scheme(url: str) -> str | None:
    """The dangerous scheme ``url`` uses, as a browser reads it (whitespace and controls dropped)."""
    cleaned = _STRIP.sub("", url).lower()
    for scheme in ("javascript:", "vbscript:", "data:"):
        if cleaned.startswith(scheme):
            return scheme
    return None


def is_theme_script(script: Tag) -> bool:
    """A script Material for MkDocs (or the vendored polyfill) puts on every page."""
    src = script.get("src")
    if src is not None:
        path = posixpath.normpath(str(src))
        return bool(re.fullmatch(r"/?(\.\./)*(assets|search)/[\w./-]+\.js", path))
    body = script.string or ""
    if script.get("id") == "__config" and script.get("type") == "application/json":
        return True
    if is_card_data(script) or is_json_ld(script):
        return True
    return "__md_" in body or "__tabbed_" in body


def _inert_json(body: str) -> bool:
    """JSON whose source holds no '<', '>', '&' or line separator (no text can end its element) and parses."""
    if re.search(r"[<>&\u2028\u2029]", body):
        return False
    try:
        json.loads(body)
    except ValueError:
        return False
    return True


def is_card_data(script: Tag) -> bool:
    """A brief page's highlight-card data: JSON (never run), with no '<', '>' or '&' in its source,
    so no annotation text can end the element; it parses."""
    if script.get("id") != "briefs-cards" or script.get("type") != "application/json":
        return False
    return _inert_json(script.string or "")


def is_json_ld(script: Tag) -> bool:
    """A page's schema.org JSON-LD (generator/opendata/jsonld.py): in the head, data (never run),
    with no '<', '>', '&' or line separator in its source, so no annotation text can end the element;
    it parses."""
    if script.get("type") != "application/ld+json" or script.find_parent("head") is None:
        return False
    return _inert_json(script.string or "")


def html_violations(soup: BeautifulSoup | Tag, where: str, *, theme: bool = True) -> list[str]:
    """Everything that would make a page run script, load from elsewhere or hide itself.

    ``theme=False`` for HTML that has no theme around it (search index fragments):
    then no script at all is allowed.
    """
    problems: list[str] = []
    for script in soup.find_all("script"):
        body = script.string or ""
        if not theme or not is_theme_script(script):
            problems.append(f"{where}: script that is not the theme's: {str(script)[:120]!r}")
        elif "alert" in body and not is_card_data(script) and not is_json_ld(script):  # card data holds annotation text, as data
            problems.append(f"{where}: theme script carries a payload: {body[:120]!r}")
        elif script.get("id") == "__config":
            try:
                json.loads(body)
            except ValueError:
                problems.append(f"{where}: the theme's JSON config was cut short: {body[:120]!r}")
    for el in soup.find_all(True):
        for name, value in el.attrs.items():
            if name.lower().startswith("on"):
                problems.append(f"{where}: <{el.name} {name}={value!r}>")
            if name.lower() in URL_ATTRIBUTES and isinstance(value, str):
                scheme = dangerous_scheme(value)
                if scheme:
                    problems.append(f"{where}: <{el.name} {name}={value[:80]!r}> uses {scheme}")
        if el.name in ("iframe", "frame", "frameset", "object", "embed", "base", "applet"):
            problems.append(f"{where}: <{el.name}> element")
        if el.name == "meta" and str(el.get("http-equiv", "")).lower() == "refresh":
            problems.append(f"{where}: <meta http-equiv=refresh>")
        if el.name == "img":
            src = str(el.get("src", ""))
            if re.match(r"\s*([a-z][a-z0-9+.-]*:|//)", src, re.I):
                problems.append(f"{where}: <img src={src!r}> loads from another host")
    return problems


def content_violations(soup: BeautifulSoup, where: str) -> list[str]:
    """Inside the page's own content: no <style>, <link> or form controls (the templates use none).

    Pages without Material's article (the self-contained 404 page) have no content of ours."""
    content = soup.select_one("article.md-content__inner")
    if content is None:
        return []
    return [f"{where}: <{el.name}> inside the article: {str(el)[:100]!r}"
            for el in content.find_all(("style", "link", "form", "input", "button", "textarea", "select"))
            if not is_filter_form(el)]


def is_filter_form(el: Tag) -> bool:
    """The listing filter of the claims and implications indexes (``_listing.j2``, ``filters.js``):
    the one form the templates write, and its controls. Nothing of it is contributor text."""
    form = el if el.name == "form" else el.find_parent("form")
    return form is not None and form.get("class") == ["listing-filter"] and el.name in ("form", "input", "select",
                                                                                         "button")


def search_files(site_root: Path) -> dict[str, object]:
    """Every file of the site's search index (``search/``), parsed: relative path -> data.

    Each must be exactly one call ``__briefsSearch("name",<JSON>);`` (see generator/search/shards.py)."""
    out: dict[str, object] = {}
    for path in sorted((site_root / "search").rglob("*.js")):
        text = path.read_text(encoding="utf-8")
        match = re.fullmatch(r'__briefsSearch\(("[^"]*"),(.*)\);\n', text, re.S)
        assert match, f"{path}: not one __briefsSearch(name, data) call: {text[:80]!r}"
        out[path.relative_to(site_root).as_posix()] = json.loads(match.group(2))
    return out


def search_documents(site_root: Path) -> list[list]:
    """Every search result's row: [kind, title, url, text, context]."""
    files = search_files(site_root)
    count = len([k for k in files if k.startswith("search/d/")])
    return [row for n in range(count) for row in files[f"search/d/{n}.js"]]  # type: ignore[union-attr]


# -- hypothesis budgets ---------------------------------------------------------------------

from hypothesis import HealthCheck, Phase, settings  # noqa: E402

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
          HealthCheck.function_scoped_fixture]
# 'ci': bounded and derandomized, so every run sees the same cases; 'fuzz' (BRIEFS_FUZZ=1,
# `make fuzz`): a long random search that keeps failures in .hypothesis/.
# 'ci' does not shrink a failing example (shrinking can take minutes); 'fuzz' does.
settings.register_profile("ci", max_examples=100, deadline=None, derandomize=True, suppress_health_check=_QUIET,
                          phases=[Phase.explicit, Phase.reuse, Phase.generate])
settings.register_profile("fuzz", max_examples=int(os.environ.get("BRIEFS_FUZZ_EXAMPLES", "20000")),
                          deadline=None, print_blob=True, suppress_health_check=_QUIET)
PROFILE = settings.get_profile("fuzz" if os.environ.get("BRIEFS_FUZZ") else "ci")

MINIMAL_BRIEF = (FIXTURES / "briefs" / "terminal-delay.yml").read_text(encoding="utf-8")
