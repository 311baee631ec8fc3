"""Issue 10, finding 1, proven in a real browser: no payload runs when a reader points at it.

The static tests read the HTML; a theme feature can still turn escaped text back
into markup when the page runs (Material's ``content.tooltips`` re-inserted a
decoded ``title`` as HTML on hover). Here Chromium opens the pages and a reader
points at everything:

- the corpus holds two briefs in which EVERY text field (title, summary, source
  title/author/publisher, actor name/role/alias/description, claim statement
  and quote, evidence quote and title, review note, implication statement and
  quote, seed paragraph) carries EVERY payload family of ``payloads.py``, in two
  orders (a family that swallows what follows it cannot hide another in both),
  each field ending with an attr_list family. One build, fourteen pages;
- on each page (brief, publisher brief, actor, claim, implication, and the
  indexes that list them), every visible element of the header, the content and
  the table of contents is hovered with the mouse, every one that can react to a
  tap (links, highlights, marks, badges, headings) is tapped on a touchscreen,
  and every focusable element is focused (the first ones with the Tab key);
- afterwards: the canary that ``alert``, ``confirm``, ``prompt`` and ``print``
  set (in any frame) is untouched, no dialog opened anyway, no request left the
  site folder (anything else is aborted), nothing failed to load, no console
  error, and every link followed by a tap points into the site or to http(s).

A tap on a link does not navigate (a capturing listener cancels the default
action and records the address), so one page load checks hundreds of elements;
the addresses are checked instead. ``test_the_probe_catches_a_live_tooltip``
is the control: the same probe on a page built with ``content.tooltips`` and a
payload in a ``title`` attribute reports the dialog.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest

from .helpers import build, make_corpus, write_files
from .payloads import FIELDS, PAYLOADS, Payload, brief_yaml, ids, publisher_brief_yaml, seed_text, yaml_string

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions"]
TOUCH_DESKTOP = {"viewport": {"width": 1280, "height": 900}, "has_touch": True}


def _ordered(families: list[Payload]) -> list[Payload]:
    """The attr_list family last: ``{: ... }`` is only syntax at the end of a block."""
    return [p for p in families if p.slug != "attr-list"] + [p for p in families if p.slug == "attr-list"]


COMBINED = (
    Payload("all-payloads", " ~ ".join(p.text for p in _ordered(list(PAYLOADS))), tag_first=True),
    Payload("all-payloads-reversed", " ~ ".join(p.text for p in _ordered(list(reversed(PAYLOADS)))), tag_first=True),
)
INDEXES = ["index.html", "actors/index.html", "claims/index.html", "implications/index.html", "data.html",
           "contested.html", "timeline.html"]
PAGES = INDEXES + [
    f"{folder}/{ids(p)[key]}.html"
    for p in COMBINED
    for key, folder in (("brief", "briefs"), ("publisher_brief", "briefs"), ("actor", "actors"),
                        ("claim", "claims"), ("implication", "implications"))
]

# Runs before any script of the page (in every frame): alert/confirm/prompt/print only set
# the canary. They do not open their dialog, which would block the page while the test
# points at the next element (a dialog that opens all the same is recorded and dismissed).
# A tap on a link is recorded, not followed.
PROBE = """
(() => {
  window.__briefsCanary = [];
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = function (...args) {
      (window.top.__briefsCanary || window.__briefsCanary).push(name + "(" + args.map(String).join(", ") + ")");
    };
  }
  window.__briefsFollowed = [];
  document.addEventListener("click", event => {
    const link = event.target instanceof Element && event.target.closest("a[href]");
    // An SVG link's href is an SVGAnimatedString: resolve its attribute as the browser would.
    const url = link && (typeof link.href === "string" ? link.href : new URL(link.getAttribute("href"), document.baseURI).href);
    if (link) { window.__briefsFollowed.push(url); event.preventDefault(); }
  }, true);
})();
"""
# Every visible element a reader can point at: the header's title, the page's content and
# its table of contents; their centres in document coordinates, and whether a tap can do
# anything there (links, highlights, badges, headings...): every element is hovered, those tapped.
TARGETS = """() => {
  const all = document.querySelectorAll(
    ".md-header__topic *, article.md-content__inner *, .md-sidebar--secondary .md-nav__link");
  const active = "a, mark, button, input, label, summary, [tabindex], [title], [data-quotes], .badge, h1, h2, h3";
  return [...all].map(el => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === "hidden") return null;
    return [r.left + r.width / 2 + window.scrollX, r.top + r.height / 2 + window.scrollY, el.matches(active)];
  }).filter(Boolean);
}"""
# Focus every focusable element of the page (links, the search box, buttons...): focus events
# are what a keyboard reader triggers, and what Material's tooltips listened to.
FOCUS_ALL = """() => {
  const all = [...document.querySelectorAll("a[href], button, input, select, textarea, [tabindex]")];
  for (const el of all) el.focus();
  return all.length;
}"""


@dataclass
class Findings:
    site: Path
    dialogs: list[str] = field(default_factory=list)
    off_disk: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def problems(self, canary: list[str], followed: list[str]) -> list[str]:
        out = [f"dialog: {d}" for d in self.dialogs] + [f"script ran: {c}" for c in canary]
        out += [f"request off the site folder: {r}" for r in self.off_disk] + self.errors
        site = self.site.as_uri() + "/"
        out += [f"a tap follows {url}" for url in followed
                if not (url.startswith(site) or url.startswith(("https://", "http://")))]
        return out


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(f"{reason} (CI is set: the browser tests must run)", pytrace=False)
    pytest.skip(f"{reason}: browser tests NOT run")


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _unavailable(f"Playwright is not installed ({exc})")
    if not CHROMIUM.is_file():
        _unavailable(f"Chromium not found at {CHROMIUM}; install it with apt-get install chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def corpus_files() -> dict[str, str]:
    files: dict[str, str] = {}
    for day, p in enumerate(COMBINED, start=1):
        i = ids(p)
        files[f"seeds/{i['seed']}"] = seed_text(p, day)
        files[f"briefs/{i['brief']}.yml"] = brief_yaml(p)
        files[f"briefs/{i['publisher_brief']}.yml"] = publisher_brief_yaml(p)
    return files


@pytest.fixture(scope="module")
def combined_site(chromium: object, tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = write_files(tmp_path_factory.mktemp("combined-src"), corpus_files())
    root = make_corpus(src, tmp_path_factory.mktemp("combined") / "corpus")
    code, out, err = build(root)
    assert code == 0, f"briefs build of the combined payload corpus exited with {code}:\n{out}\n{err}"
    return root / "site"


def point_at_everything(browser: object, site: Path, page_path: str) -> list[str]:
    """Open ``page_path``, hover, tap and focus every element; return what went wrong."""
    findings = Findings(site)
    context = browser.new_context(**TOUCH_DESKTOP)  # type: ignore[attr-defined]
    context.set_default_timeout(10_000)
    inside = site.as_uri() + "/"

    def route(route) -> None:
        url = route.request.url
        if url.startswith(inside) or url.startswith(("data:", "blob:", "about:")):
            route.fallback()
        else:
            findings.off_disk.append(url)
            route.abort("blockedbyclient")

    def dialog(d) -> None:
        findings.dialogs.append(f"{d.type}({d.message!r}) on {d.page.url if d.page else '?'}")
        d.dismiss()

    context.route("**/*", route)
    context.add_init_script(PROBE)
    context.on("dialog", dialog)
    context.on("weberror", lambda e: findings.errors.append(f"uncaught exception: {e.error}"))
    context.on("requestfailed", lambda r: findings.errors.append(f"failed to load {r.url}: {r.failure}"))
    try:
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and findings.errors.append(f"console error: {m.text}"))
        page.goto((site / page_path).as_uri())
        assert page.locator("article h1").is_visible(), f"{page_path}: the page heading is not visible"
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")  # folds too
        targets = page.evaluate(TARGETS)
        assert len(targets) >= 5, f"{page_path}: only {len(targets)} visible elements to point at"
        height = page.viewport_size["height"]
        top = None
        for x, y, active in sorted(targets, key=lambda t: (t[1], t[0])):
            if top is None or not top + 80 <= y < top + height - 80:  # scroll so that the element is well inside
                top = max(0, y - height / 2)
                page.evaluate("y => window.scrollTo(0, y)", top)
                top = page.evaluate("() => window.scrollY")
            page.mouse.move(x, y - top)
            if active:
                page.touchscreen.tap(x, y - top)
        page.mouse.move(0, 0)
        for _ in range(12):  # the keyboard's own path through the first elements
            page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_ALL) > 10, f"{page_path}: almost nothing to focus"
        page.wait_for_timeout(400)  # tooltips hide 250 ms after the pointer leaves; images fail asynchronously
        canary = page.evaluate("window.__briefsCanary")
        followed = page.evaluate("window.__briefsFollowed")
    finally:
        context.close()
    return findings.problems(canary, followed)


def test_the_combined_corpus_puts_every_family_in_every_field():
    files = corpus_files()
    for p in COMBINED:
        assert [f.slug for f in PAYLOADS if f.text not in p.text] == []
        assert p.text.endswith(next(f.text for f in PAYLOADS if f.slug == "attr-list"))
        brief, publisher = files[f"briefs/{p.slug}.yml"], files[f"briefs/{p.slug}-publisher.yml"]
        for name in FIELDS:
            where = {"seed paragraph": files[f"seeds/{p.slug}.txt"], "source publisher": publisher}.get(name, brief)
            written = p.value(name) if name == "seed paragraph" else yaml_string(p.value(name))
            assert written in where, name


@pytest.mark.parametrize("page_path", PAGES)
def test_finding_1_pointing_at_any_element_runs_no_payload(chromium, combined_site, page_path):
    problems = point_at_everything(chromium, combined_site, page_path)

    assert problems == []


def test_the_probe_catches_a_live_tooltip(chromium, tmp_path):
    """Control: with Material's tooltips on and a payload in a ``title``, the probe reports it."""
    root = make_corpus(write_files(tmp_path / "src", {}), tmp_path / "corpus")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  features:\n", "  features:\n    - content.tooltips\n"), encoding="utf-8")
    assert "content.tooltips" in config.read_text(encoding="utf-8")
    (root / "docs" / "control.md").write_text(
        "# Control\n\n" + "".join(f'<p><a href="#" title="{i} &lt;img src=x onerror=alert({i})&gt;">quote {i}</a></p>\n'
                                   for i in range(12)), encoding="utf-8")
    code, out, err = build(root, "--site-dir", str(root / "site"))
    assert code == 0, f"{out}\n{err}"

    problems = point_at_everything(chromium, root / "site", "control.html")

    assert "script ran: alert(0)" in problems, problems


@pytest.mark.parametrize("index,field,value", [("claims", "rating", "disputed"), ("implications", "horizon", "near-term")])
def test_filtered_entries_show_payloads_as_text(chromium, combined_site, index, field, value):
    """The filter writes contributor text (statements, brief titles) into the page: as text."""
    context = chromium.new_context()  # type: ignore[attr-defined]
    inside = combined_site.as_uri() + "/"
    off_disk: list[str] = []
    context.route("**/*", lambda route: route.fallback() if route.request.url.startswith(inside)
                  else (off_disk.append(route.request.url), route.abort("blockedbyclient")))
    context.add_init_script(PROBE)
    try:
        page = context.new_page()
        page.goto((combined_site / index / "index.html").as_uri())
        page.locator(f'form.listing-filter [name="{field}"]').select_option(value)
        results = page.locator(".listing-filter-results li.listing-item")
        results.first.wait_for()
        texts = results.all_text_contents()
        assert any("<script>" in t or "<img" in t for t in texts), texts  # the payloads, shown as written
        assert page.locator(".listing-filter-results script, .listing-filter-results img, "
                            ".listing-filter-results [onerror], .listing-filter-results [onclick]").count() == 0
        assert page.evaluate("window.__briefsCanary") == []
        assert off_disk == []
    finally:
        context.close()
