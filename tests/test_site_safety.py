"""Hostile annotations cannot inject markup, scripts or links into the site.

Every text field of a brief (title, summary, source, actor name/role/description/
aliases, claim statement and quote, evidence title and quote, review note,
implication statement and quote) holds one of the payloads below, at its start,
in its middle after a blank line, and at its end; quotes must match the seed,
so the seeds hold the payloads too. The built site is then read back: no
script but the theme's, no ``on*`` attribute, no ``javascript:`` URL, and every
payload shows as the literal text the contributor typed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.headline import cut
from searchindex import BuiltIndex
from sitebuild import BuiltSite, build_site_from, content, header_title, run_build, text_of

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    '{: onclick="alert(1)" }',
    "</title><script>alert(1)</script>",
    "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
    "{{ 7*7 }}",
    '--8<-- "/etc/passwd"',
    # A character outside the Basic Multilingual Plane (an emoji) before Markdown link syntax:
    # JSON-style escapes of it ("\\ud83d\\ude00") are not valid YAML for MkDocs' front matter.
    "\U0001F600 [x](javascript:alert(1))",
)


def field(payload: str, label: str, separator: str = "\n\n") -> str:
    """A text field holding the payload first, after a blank line, and last."""
    return f"{payload} {label}{separator}{payload} middle {payload}"


def shown(value: str) -> str:
    """What a reader should see for ``value``: the same characters, whitespace collapsed."""
    return " ".join(value.split())


def seed_text(i: int, payload: str) -> str:
    return (
        f"date 2025-03-{i + 1:02d} Opening line {i} with {payload} in the first paragraph.\n\n"
        f"Heading {i} {payload}\n\n"
        f"The speaker {i} said {payload} and then stopped.\n\n"
        f"The record {i} shows {payload} again, in writing.\n"
    )


def brief_yaml(i: int, payload: str) -> dict:
    source = ({"publisher": field(payload, "publisher"), "author": field(payload, "author"),
               "url": f"https://example.org/payload/{i}"}
              if i % 2 == 0 else
              {"title": field(payload, "source title"), "author": field(payload, "author")})
    return {
        "seed": f"payload-{i}.txt",
        "title": field(payload, f"title {i}"),
        "summary": field(payload, "summary", "\n"),  # one paragraph: a blank line is an error
        "source": source,
        "tags": ["payloads"],
        "actors": [{
            "id": f"actor-{i}",
            "name": field(payload, f"actor {i}"),
            "kind": "person",
            "role": field(payload, "role"),
            "description": field(payload, "description"),
            "aliases": [payload, f"Alias {i} {payload}"],
        }, {"id": f"relay-{i}", "name": field(payload, f"relay {i}"), "kind": "organization"}],
        "claims": [{
            "id": f"claim-{i}",
            "by": [f"actor-{i}"],
            "via": f"relay-{i}",
            "medium": "statement",
            "statement": field(payload, f"statement {i}"),
            "quote": f"The speaker {i} said {payload}",
            "about": [f"actor-{i}"],
            "evidence": [
                {"quote": f"The record {i} shows {payload}"},
                {"url": f"https://example.org/evidence/{i}", "title": field(payload, "evidence title")},
            ],
            "review": {"rating": "disputed", "note": field(payload, "review note"),
                       "sources": [f"https://example.org/review/{i}"]},
        }],
        "implications": [{
            "id": f"implication-{i}",
            "statement": field(payload, f"implication {i}"),
            "because": [f"claim-{i}"],
            "affects": [f"actor-{i}"],
            "likelihood": "likely",
            "confidence": "low",
            "horizon": "immediate",
            "quote": f"Opening line {i} with {payload}",
            "outcome": {"status": "partly", "date": "2030-01-01", "note": field(payload, "outcome note"),
                        "evidence": [f"https://example.org/outcome/{i}"]},
        }],
    }


def write_payload_corpus(root: Path) -> Path:
    """One brief per payload. JSON is YAML: every payload is written as an exact string
    (characters as they are: YAML does not read JSON's surrogate-pair escapes)."""
    (root / "seeds").mkdir(parents=True)
    (root / "briefs").mkdir(parents=True)
    for i, payload in enumerate(PAYLOADS):
        (root / "seeds" / f"payload-{i}.txt").write_text(seed_text(i, payload), encoding="utf-8")
        text = json.dumps(brief_yaml(i, payload), indent=2, ensure_ascii=False)
        (root / "briefs" / f"payload-{i}.yml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    base = tmp_path_factory.mktemp("hostile")
    return BuiltSite(build_site_from(write_payload_corpus(base / "src"), base / "corpus"))


def _theme_script(src: str | None, text: str) -> bool:
    if src is not None:
        path = re.sub(r"^/|^(\.\./)+", "", src)  # 404.html uses /assets/ (see test_site.py)
        return path.startswith(("assets/", "search/"))
    return "alert" not in text


def _card_data(script) -> bool:
    """The brief page's card data: JSON (never run by a browser), escaped so that no
    annotation text can end the <script> element: no '<', '>' or '&' in its source."""
    return (script.get("type") == "application/json" and script.get("id") == "briefs-cards"
            and not re.search(r"[<>&\u2028\u2029]", script.string or ""))


def _json_ld(script) -> bool:
    """A page's schema.org JSON-LD (generator/opendata/jsonld.py), in its head: data, escaped the same way."""
    return (script.get("type") == "application/ld+json" and script.find_parent("head") is not None
            and not re.search(r"[<>&\u2028\u2029]", script.string or ""))


def test_no_script_but_the_theme_s_own(hostile: BuiltSite) -> None:
    foreign = []
    for page in hostile.pages():
        for script in hostile.soup(page).find_all("script"):
            if not _theme_script(script.get("src"), script.get_text()) and not _card_data(script) \
                    and not _json_ld(script):
                foreign.append(f"{page}: {str(script)[:120]}")
    assert not foreign, "\n".join(foreign)


def test_no_event_handler_attributes(hostile: BuiltSite) -> None:
    found = []
    for page in hostile.pages():
        for el in hostile.soup(page).find_all(True):
            found += [f"{page}: <{el.name} {attr}=...>" for attr in el.attrs if attr.lower().startswith("on")]
    assert not found, "\n".join(found)


_BAD_SCHEME = re.compile(r"^(javascript|vbscript|data:text)", re.I)


_URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcdoc", "background"}


def _filter_form(el) -> bool:
    """The claims and implications indexes' filter form (``_listing.j2``): written by the template."""
    form = el if el.name == "form" else el.find_parent("form")
    return form is not None and form.get("class") == ["listing-filter"] and el.name in ("form", "input")


def test_no_script_urls_and_no_injected_elements(hostile: BuiltSite) -> None:
    found = []
    for page in hostile.pages():
        soup = hostile.soup(page)
        for el in soup.find_all(True):
            for attr, value in el.attrs.items():
                if attr.lower() in _URL_ATTRS and _BAD_SCHEME.match(re.sub(r"[\s\x00-\x1f]", "", str(value))):
                    found.append(f"{page}: <{el.name} {attr}={value!r}>")
        for el in content(soup).find_all(["img", "iframe", "embed", "object", "form", "input", "style"]):
            if not _filter_form(el):  # the generated pages have none of these but the listing filter
                found.append(f"{page}: {str(el)[:120]}")
        for el in soup.find_all("img", src="x"):
            found.append(f"{page}: {str(el)[:120]}")
    assert not found, "\n".join(found)


def test_attr_list_and_jinja_syntax_stay_text(hostile: BuiltSite) -> None:
    """``{: onclick=... }`` is not applied as attributes; ``{{ 7*7 }}`` is not evaluated."""
    for page in hostile.pages():
        article = content(hostile.soup(page))
        assert not re.search(r"\b49\b", text_of(article)), page
        assert not [el for el in article.find_all(True) if "alert(1)" in " ".join(map(str, el.attrs.values()))], page
    brief = hostile.soup("briefs/payload-8.html")
    assert "{{ 7*7 }}" in text_of(content(brief))
    assert '{: onclick="alert(1)" }' in text_of(content(hostile.soup("briefs/payload-5.html")))


@pytest.mark.parametrize("i", range(len(PAYLOADS)))
def test_the_brief_page_shows_each_payload_as_text(hostile: BuiltSite, i: int) -> None:
    payload, doc = PAYLOADS[i], brief_yaml(i, PAYLOADS[i])
    soup = hostile.soup(f"briefs/payload-{i}.html")
    title = shown(doc["title"])
    assert text_of(content(soup).h1).rstrip("¶").strip() == title
    assert text_of(soup.title) == f"{title} - Annotated briefs"
    assert header_title(soup) == title
    assert text_of(content(soup).select_one("p.brief-summary")) == shown(doc["summary"])
    meta = text_of(content(soup).select_one(".brief-meta__source"))
    source = doc["source"]
    assert shown(source.get("publisher") or source["title"]) in meta
    assert shown(source["author"]) in meta
    article = content(soup).select_one("div.brief-article")
    chip = article.select_one("span.speaker-chip")
    assert shown(doc["actors"][0]["name"]) in " ".join(chip.get_text().split())  # the speaker, as text
    chip.decompose()
    seed = seed_text(i, payload).split(" ", 2)[2]  # without the date header
    assert [b.get_text() for b in article.find_all(["p", "h3"], recursive=False)] == \
        [" ".join(block.split()) for block in seed.split("\n\n")]
    quote = article.select_one("a.claim-quote")
    assert quote.get_text() == f"The speaker {i} said {payload}"
    mark = article.select_one("a.implication-quote")
    assert mark.get_text() == f"Opening line {i} with {payload}"
    assert not quote.get("title") and not mark.get("title")  # no tooltip: the card shows it, as text
    cards = json.loads(content(soup).find("script", id="briefs-cards").string)
    assert cards["claims"][f"claim-{i}"]["statement"] == doc["claims"][0]["statement"].strip()
    assert cards["implications"][f"implication-{i}"]["statement"] == doc["implications"][0]["statement"].strip()
    assert [s["name"] for s in cards["claims"][f"claim-{i}"]["speakers"]] == [doc["actors"][0]["name"].strip()]


@pytest.mark.parametrize("i", range(len(PAYLOADS)))
def test_actor_claim_and_implication_pages_show_each_payload_as_text(hostile: BuiltSite, i: int) -> None:
    doc = brief_yaml(i, PAYLOADS[i])
    actor, claim, imp = doc["actors"][0], doc["claims"][0], doc["implications"][0]

    soup = hostile.soup(f"actors/actor-{i}.html")
    assert text_of(content(soup).h1).rstrip("¶").strip() == shown(actor["name"])
    assert text_of(soup.title) == f"{shown(actor['name'])} - Annotated briefs"
    page = text_of(content(soup))
    for value in (actor["role"], actor["description"], *actor["aliases"]):
        assert shown(value) in page

    soup = hostile.soup(f"claims/claim-{i}.html")
    statement = shown(claim["statement"])
    assert text_of(content(soup).h1).rstrip("¶").strip() == statement
    assert text_of(soup.title) == f"{statement} - Annotated briefs"
    assert header_title(soup) == statement
    marks = [m.get_text() for m in content(soup).select("mark.quote-context__quote")]
    assert marks == [claim["quote"], claim["evidence"][0]["quote"]]
    assert shown(claim["evidence"][1]["title"]) in [text_of(a) for a in content(soup).select("a.external-link")]
    assert text_of(content(soup).select_one(".review__note")) == shown(claim["review"]["note"])
    assert shown(doc["title"]) in text_of(content(soup).select_one(".claim-meta"))

    soup = hostile.soup(f"implications/implication-{i}.html")
    title = cut(shown(imp["statement"]))  # no headline: the first sentence, cut at a word
    assert text_of(content(soup).h1).rstrip("¶").strip() == title
    assert text_of(soup.title) == f"{title} - Annotated briefs"
    full = content(soup).select_one(".implication-statement") or content(soup).h1
    assert text_of(full).rstrip("¶").strip() == shown(imp["statement"])
    assert [m.get_text() for m in content(soup).select("mark.quote-context__quote")] == [imp["quote"]]


def test_index_pages_show_titles_and_statements_as_text(hostile: BuiltSite) -> None:
    timeline = text_of(content(hostile.soup("timeline.html")))
    claims = text_of(content(hostile.soup("claims/index.html")))
    actors = text_of(content(hostile.soup("actors/index.html")))
    home = content(hostile.soup("index.html"))
    cards = {text_of(c.select_one(".brief-card__title")): text_of(c.p) for c in home.select("li.brief-card")}
    assert cards
    for i, payload in enumerate(PAYLOADS):
        doc = brief_yaml(i, payload)
        assert shown(doc["title"]) in timeline
        assert shown(doc["claims"][0]["statement"]) in claims
        assert shown(doc["actors"][0]["name"]) in actors
        if shown(doc["title"]) in cards:  # the home page lists the latest briefs only
            assert cards[shown(doc["title"])] == shown(doc["summary"])


_RAW_TAG = re.compile(r"<\s*/?\s*(script|img|iframe|svg|title)\b|<[a-z][^>]*\son\w+\s*="
                      r"|<[a-z][^>]*\s(href|src)\s*=\s*[\"']?\s*(javascript|vbscript|data):", re.I)


def test_the_search_index_holds_annotation_text_as_escaped_data(hostile: BuiltSite) -> None:
    """The index files are scripts: no contributor character can end a string or the script
    (``<``, ``>``, ``&``, U+2028/U+2029 appear only as \\u escapes), and the payloads are there,
    as text (search.js shows them with textContent)."""
    index = BuiltIndex(hostile.root)
    raw = [(p, p.read_text(encoding="utf-8")) for p in index.files()]
    assert raw
    bad = [f"{p.relative_to(hostile.root)}: {ch!r}" for p, text in raw for ch in "<>&\u2028\u2029" if ch in text]
    assert not bad, "\n".join(bad)
    titles = {d["title"] for d in index.documents}
    for i, payload in enumerate(PAYLOADS):
        assert brief_yaml(i, payload)["title"].strip() in titles, payload


@pytest.mark.parametrize("where", ["source", "evidence", "review"])
@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"])
def test_script_urls_are_rejected_by_check(tmp_path: Path, where: str, url: str) -> None:
    root = tmp_path / "corpus"
    write_payload_corpus(root)
    doc = brief_yaml(0, PAYLOADS[0])
    if where == "source":
        doc["source"]["url"] = url
    elif where == "evidence":
        doc["claims"][0]["evidence"][1]["url"] = url
    else:
        doc["claims"][0]["review"]["sources"] = [url]
    (root / "briefs" / "payload-0.yml").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    from generator.cli import main

    assert main(["check", "--root", str(root)]) == 1
    assert run_build(root) == 1
    assert not (root / "site").exists()
