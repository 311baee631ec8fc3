"""A reader in a real browser: a fresh profile that records what went wrong, and page actions.

``Reader`` opens pages in a new browser context (a fresh profile) whose every
request passes through one route: files from disk (and, when serving, the
site's own sub-path) go through; anything else is aborted and recorded. The
context also records console errors, uncaught exceptions, HTTP errors and
files that failed to load. ``Reader.problems()`` lists them all; the
``reader`` fixture asserts it is empty after every test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

try:
    from playwright.sync_api import (
        Browser, BrowserContext, ConsoleMessage, Locator, Page, Request, Response, Route, WebError, expect,
    )
except ImportError:  # the `browser` fixture skips (or, in CI, fails) every test and says why
    expect = None  # type: ignore[assignment]

TIMEOUT_MS = 10_000
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
if expect is not None:
    expect.set_options(timeout=TIMEOUT_MS)
# Not network: the page's own documents and inline data.
_LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


@dataclass
class Reader:
    browser: "Browser"
    contexts: list["BrowserContext"] = field(default_factory=list)
    left_the_site: list[str] = field(default_factory=list)  # aborted requests
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    http_errors: list[str] = field(default_factory=list)  # responses with status >= 400
    failed_loads: list[str] = field(default_factory=list)  # e.g. a file:// link to a missing file

    def open(self, url: str, *, phone: bool = False, allow: str | None = None, dark: bool = False) -> "Page":
        """A new page in a fresh profile, at ``url``. ``allow``: a URL prefix (the served site) let through.
        ``dark``: the reader's system prefers a dark scheme (Material then shows "slate")."""
        context = self.browser.new_context(**(PHONE if phone else DESKTOP), color_scheme="dark" if dark else "light")
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        aborted: set[str] = set()

        def route(route: "Route") -> None:
            url = route.request.url
            if url.startswith(_LOCAL_SCHEMES) or (allow is not None and url.startswith(allow)):
                route.fallback()
                return
            aborted.add(url)
            self.left_the_site.append(f"{route.request.method} {url} (from {_requester(route.request)})")
            route.abort("blockedbyclient")

        def console(message: "ConsoleMessage") -> None:
            if message.type == "error":
                self.errors.append(f"console error on {_url(message.page)}: {message.text}")

        def uncaught(error: "WebError") -> None:
            self.errors.append(f"uncaught exception on {_url(error.page)}: {error.error}")

        def response(response: "Response") -> None:
            if response.status >= 400:
                self.http_errors.append(f"HTTP {response.status}: {response.url}")

        def request_failed(request: "Request") -> None:
            failure = request.failure or ""
            if request.url not in aborted and "ERR_ABORTED" not in failure:  # ERR_ABORTED: a superseded load
                self.failed_loads.append(f"{request.url}: {failure}")

        context.route("**/*", route)
        context.on("console", console)
        context.on("weberror", uncaught)
        context.on("response", response)
        context.on("requestfailed", request_failed)
        page = context.new_page()
        page.goto(url)
        return page

    def close(self) -> None:
        """Close every context; pending events arrive before this returns."""
        for context in self.contexts:
            context.close()
        self.contexts.clear()

    def problems(self) -> list[str]:
        out = []
        if self.left_the_site:
            out.append("requests that left the site (the site must request nothing from the network):")
            out += [f"  {r}" for r in self.left_the_site]
        for title, items in (("console errors and uncaught exceptions:", self.errors),
                             ("HTTP errors:", self.http_errors),
                             ("resources that failed to load:", self.failed_loads)):
            if items:
                out.append(title)
                out += [f"  {i}" for i in dict.fromkeys(items)]
        return out


def _url(page: "Page | None") -> str:
    return page.url if page is not None else "?"


def _requester(request: "Request") -> str:
    try:
        return request.frame.url
    except Exception:  # a worker's request has no frame
        return "a worker"


# ---------------------------------------------------------------------------
# Page actions and checks


def path_of(page: "Page") -> str:
    return urlsplit(page.url).path


def expect_page(page: "Page", site_path: str, heading: str) -> None:
    """The page is ``site_path`` (e.g. ``claims/x.html``, any query or fragment) and its <h1> shows ``heading``."""
    expect(page).to_have_url(re.compile(rf"/{re.escape(site_path)}(?:[?#].*)?$"))
    expect(page.locator("article h1")).to_contain_text(heading)


def open_search(page: "Page", *, tap: bool = False) -> "Locator":
    """Open the search as a reader would (the button in the header) and return its input, focused."""
    button = page.locator("button.briefs-search-open")
    try:
        expect(button).to_be_visible()
    except AssertionError:
        raise AssertionError(f"no search button in the header of {page.url} (search.js did not run?)") from None
    button.tap() if tap else button.click()
    box = page.get_by_role("combobox", name="Search briefs")
    expect(box).to_be_focused()
    return box


def search(page: "Page", term: str, *, tap: bool = False) -> "Locator":
    """Type ``term`` in the search (opening it as a reader would) and return the results, once shown."""
    box = open_search(page, tap=tap)
    box.press_sequentially(term)
    expect(page.locator("#briefs-search-results")).to_have_attribute("data-query", term)
    return page.locator("#briefs-search-results [role=option]")


def click_result(page: "Page", term: str, site_path: str, *, tap: bool = False) -> str:
    """Search for ``term``, click (or tap) the first result that links to ``site_path``; return
    what the result says it is ("Actor", "Claim"...)."""
    results = search(page, term, tap=tap)
    result = page.locator(f'#briefs-search-results [role=option][href*="/{site_path}"]').first
    try:
        expect(result).to_be_visible()
    except AssertionError:
        shown = results.evaluate_all("els => els.map(e => e.getAttribute('href'))")
        status = page.locator(".briefs-search__status").inner_text()
        raise AssertionError(f"searching {term!r} on {page.url}: no result links to {site_path} "
                             f"within {TIMEOUT_MS / 1000:.0f} s; the search says {status!r}; results: {shown}") from None
    kind = result.locator(".briefs-search__kind").text_content() or ""
    result.tap() if tap else result.click()
    return kind


def claim_id_of(quote: "Locator") -> str:
    """The claim a highlighted quote (``a.claim-quote``) links to."""
    href = quote.get_attribute("href") or ""
    found = re.fullmatch(r"\.\./claims/([^/]+)\.html", href)
    assert found, f"a claim quote links to {href!r}, not to ../claims/<id>.html"
    return found.group(1)


def background_color(locator: "Locator") -> str:
    return locator.evaluate("e => getComputedStyle(e).backgroundColor")


def is_transparent(color: str) -> bool:
    return color in ("transparent", "rgba(0, 0, 0, 0)")


def expect_in_view_below_header(page: "Page", selector: str) -> None:
    """``selector``'s top edge is inside the viewport and not hidden under Material's sticky header."""
    check = """sel => {
        const el = document.querySelector(sel);
        if (!el) return false;
        const top = el.getBoundingClientRect().top;
        const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
        return top >= header - 1 && top < window.innerHeight;
    }"""
    try:
        page.wait_for_function(check, arg=selector, timeout=5_000)
    except Exception:
        where = page.evaluate("""sel => {
            const el = document.querySelector(sel);
            return {top: el && el.getBoundingClientRect().top, scrollY: window.scrollY,
                    header: document.querySelector(".md-header").getBoundingClientRect().bottom,
                    innerHeight: window.innerHeight};
        }""", selector)
        raise AssertionError(f"{selector} on {page.url} is not in view below the header: {where}") from None


def horizontal_overflow(page: "Page") -> int:
    """How many pixels the page is wider than the viewport (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def screenshot(page: "Page", folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)  # what the reader sees first (README-sized)
    return path
