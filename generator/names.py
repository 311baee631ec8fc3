"""Names an article mentions, for ``briefs new``: runs of capitalised words, whole.

A name is a run of capitalised words ("Recep Tayyip Erdoğan", "Syrian Democratic
Forces (SDF)": a bracketed short form stays with it), cut at titles ("US
President Donald Trump" is "US" and "Donald Trump"), without the capitalised
word that merely starts a sentence ("So", "Officials", "I"). People are the names
a title introduces, or whose last word the article also uses alone ("Erdogan");
their short mentions count for the full name and become its aliases.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

_TOKEN = re.compile(r"[^\W\d_][\w\u2019'\-]*|[,.;:!?()\"\u201c\u201d\u2018]")
_PARTICLE_NAME = re.compile(r"^(?:al|el|ad|ash|as|at|az|bin|ibn|abu|bint)-[^\W\d_]", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")
_CONNECTORS = {"bin", "ibn", "bint", "abu", "de", "da", "del", "van", "von", "der", "al", "el", "of"}
# Words that introduce a person's name; they are not part of it.
PERSON_TITLES = {
    "President", "Prime", "Minister", "Ambassador", "Secretary", "General", "King", "Queen", "Prince",
    "Sheikh", "Senator", "Governor", "Chancellor", "Deputy", "Vice", "Chief", "Commander", "Speaker",
    "Mayor", "Spokesman", "Spokeswoman", "Spokesperson", "Envoy", "Leader", "Dr", "Mr", "Mrs", "Ms",
    "Sen", "Rep", "Gen", "Lt", "Col", "Maj", "Adm", "Gov", "Prof", "Pres", "Sgt", "Capt",
}
_TITLES = PERSON_TITLES | {"Foreign", "Defense", "Defence", "Senior", "Former", "Interior", "Press", "Majority",
                           "Minority"}
_ABBREVIATIONS = {"Dr", "Mr", "Mrs", "Ms", "Sen", "Rep", "Gen", "Lt", "Col", "Maj", "Adm", "Gov", "Prof", "Pres",
                  "Sgt", "Capt", "St", "Jr", "Sr"}
# Capitalised words that name nobody: articles, pronouns, conjunctions, months, days.
NOT_NAMES = {
    "A", "An", "The", "This", "These", "That", "Those", "As", "At", "In", "On", "Of", "For", "From", "With",
    "It", "Its", "He", "She", "They", "We", "I", "You", "His", "Her", "Their", "Our", "My", "Your", "Me", "Us",
    "Him", "Them", "But", "And", "Or", "Nor", "If", "When", "While", "After", "Before", "During", "According",
    "However", "So", "Yet", "Then", "Now", "There", "Here", "What", "Why", "How", "Who", "Whom", "Which",
    "Where", "Yes", "No", "Not", "Also", "Still", "Even", "Only", "Just", "Some", "Many", "Most", "Few", "All",
    "Both", "Each", "Every", "Any", "Such", "Despite", "Although", "Though", "Because", "Since", "Until",
    "Unless", "Instead", "Meanwhile", "Later", "Earlier", "Today", "Tomorrow", "Yesterday", "Last", "Next",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
}
_SENTENCE_END = {".", "!", "?"}
_QUOTES = {'"', "\u201c", "\u201d", "\u2018"}
# Words that make a name an institution or a place, not a person.
_NOT_PEOPLE = {"Forces", "Force", "Party", "Army", "Council", "Ministry", "Department", "Office", "House",
               "Nations", "Union", "State", "States", "Government", "Coalition", "Agency", "Committee", "Court",
               "Bank", "Company", "Group", "Front", "Units", "Unit", "News", "Times", "Post", "Press", "Republic",
               "Kingdom", "Organization", "Organisation", "Command", "Guard", "Senate", "Congress", "Parliament",
               "Assembly", "Administration", "Pentagon", "Kremlin", "Caliphate", "Province", "Region", "City",
               "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Middle", "Sea",
               "River", "Valley", "Street", "Square", "Airport", "Camp", "Prison", "University", "Institute"}


@dataclass
class Name:
    """A name as the article writes it, with how often, and whether a title introduced it."""

    text: str
    count: int = 0
    titled: int = 0  # mentions right after a person's title
    aliases: list[str] = field(default_factory=list)  # shorter mentions folded into it (people)

    @property
    def words(self) -> list[str]:
        return self.text.split()


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).casefold()


def _tokens(text: str) -> list[str]:
    """Words and punctuation; 'US-Iraq' is two names, 'US-led' is 'US'."""
    out: list[str] = []
    for token in _TOKEN.findall(text):
        if "-" in token and not _PARTICLE_NAME.match(token):
            parts = token.split("-")
            if parts[0][:1].isupper():
                kept = [p for p in parts if p[:1].isupper()]
                if len(kept) < len(parts) or len(kept) > 1:
                    for i, part in enumerate(kept):
                        out.append(part)
                        if i < len(kept) - 1:
                            out.append(",")  # two names, not one
                    if len(kept) < len(parts):
                        out.append(",")  # 'Kurdish-led forces': the name ends there
                    continue
        out.append(token)
    return out


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() or bool(_PARTICLE_NAME.match(word))


@dataclass
class _Run:
    words: list[str]
    initial: bool  # the run starts a sentence
    titled: bool  # a person's title comes right before it


def _runs(text: str) -> list[_Run]:
    """Runs of capitalised words, with where they stand in their sentence."""
    runs: list[_Run] = []
    run: list[str] = []
    start = True  # the next word starts a sentence
    run_initial = run_titled = titled = False
    tokens = _tokens(text)

    def flush() -> None:
        nonlocal run
        if run:
            runs.append(_Run(run, run_initial, run_titled))
        run = []

    title_of = False  # "Secretary of State": the word after a title's "of" is part of the title
    for i, token in enumerate(tokens):
        if token[:1].isalpha():
            word = _POSSESSIVE.sub("", token) if _is_name_word(token) else token
            if word in _TITLES or (title_of and _is_name_word(word)):
                flush()
                titled = titled or word in PERSON_TITLES
                start = title_of = False
                continue
            if titled and not run and word == "of":
                title_of = True
                continue
            if _is_name_word(word) or (run and word in _CONNECTORS):
                if not run:
                    run_initial, run_titled = start, titled
                run.append(word)
                if word != token:  # a possessive ends the name
                    flush()
            else:
                flush()
            start = titled = False
        elif token == ".":
            previous = tokens[i - 1] if i else ""
            if run and len(run[-1]) == 1 and run[-1].isupper():
                run[-1] += "."  # an initial: "John F. Kennedy", "U.S."
                continue
            if previous in _ABBREVIATIONS:
                continue  # "Sen. Lindsey Graham": the title goes on
            flush()
            start = True
        elif token in _SENTENCE_END:
            flush()
            start = True
        elif token == "(" and run:
            # "Syrian Democratic Forces (SDF)": the bracketed short form belongs to the name before it.
            flush()
            inner = []
            j = i + 1
            while j < len(tokens) and tokens[j][:1].isalpha() and _is_name_word(tokens[j]):
                inner.append(tokens[j])
                j += 1
            if inner and j < len(tokens) and tokens[j] == ")":
                runs[-1].words.append("(" + " ".join(inner) + ")")
                tokens[i + 1 : j + 1] = [","] * (j - i)  # consumed
        elif token in _QUOTES or token == "(":
            flush()  # a quotation or a bracket may open a sentence: 'start' stays as it was
        else:
            flush()
            start = False
    flush()
    return runs


def find_names(paragraphs: list[str]) -> list[Name]:
    """Every name in ``paragraphs`` (headings excluded by the caller), most mentioned first."""
    runs = [run for text in paragraphs for run in _runs(text)]
    mid_sentence = {run.words[0] for run in runs if not run.initial} | {w for run in runs for w in run.words[1:]}
    names: dict[str, Name] = {}
    for run in runs:
        words = list(run.words)
        while words and words[-1] in _CONNECTORS:
            words.pop()
        while words and (words[0] in _CONNECTORS or words[0] in NOT_NAMES):
            words.pop(0)
        if len(words) == 1 and run.initial and words[0] == run.words[0] and words[0] not in mid_sentence:
            words.pop(0)  # "Critics said": capitalised only because it starts the sentence
        if not words or (len(words) == 1 and len(words[0].rstrip(".")) < 2):
            continue
        text = " ".join(words)
        name = names.setdefault(text, Name(text))
        name.count += 1
        name.titled += run.titled and words[0] == run.words[0]
    return sorted(names.values(), key=lambda n: (-n.count, n.text))


def _is_person_name(name: Name) -> bool:
    words = [w for w in name.words if not w.startswith("(")]
    return (1 <= len(words) <= 4 and not any(w in _NOT_PEOPLE or (w.isupper() and len(w) > 1) for w in words))


def people(names: list[Name]) -> list[Name]:
    """The names that are people, each with the shorter mentions that name them ("Erdogan"
    for "Recep Tayyip Erdoğan"), most mentioned first (shorter mentions counted in)."""
    by_last: dict[str, list[Name]] = {}
    for name in names:
        if len(name.words) >= 2 and _is_person_name(name):
            by_last.setdefault(_fold(name.words[-1]), []).append(name)
    found: dict[str, Name] = {}
    merged_short: set[str] = set()
    for name in names:
        if len(name.words) == 1 and len(by_last.get(_fold(name.text), ())) == 1:
            merged_short.add(name.text)
            full = by_last[_fold(name.text)][0]
            merged = found.setdefault(full.text, Name(full.text, full.count, full.titled))
            merged.count += name.count
            merged.titled += name.titled
            merged.aliases.append(name.text)
    for name in names:
        if name.text in found or name.text in merged_short or not _is_person_name(name):
            continue
        if name.titled:
            found[name.text] = Name(name.text, name.count, name.titled)
    return sorted(found.values(), key=lambda n: (-n.count, n.text))
