"""A quote mark that ends a quoted YAML value too early, named as such.

``statement: "He said "no" to it"`` is a syntax error: the second straight
``"`` ends the text, and YAML cannot read ``no" to it"`` after it. PyYAML
only says "did not find expected key", one character later. Here the scanner's
tokens show what happened: a quoted scalar followed, on the same line, by more
text. Only called once parsing has failed.
"""

from __future__ import annotations

from typing import Any

import yaml

from .textpolicy import editor_pos

_HINTS = {
    '"': ("write a quote mark inside double quotes as \\\", put the whole value in single quotes instead"
          " ('He said \"no\"'), or use curly quotes \u201c \u201d as the article does"),
    "'": "write an apostrophe inside single quotes as '' (two of them), or put the whole value in double quotes",
}


def stray_quote(text: str, mark: Any) -> tuple[tuple[int, int], str, str] | None:
    """((line, column), message, hint) when the error at ``mark`` comes from a quote mark that
    closed a quoted value before its end; None otherwise."""
    tokens: list[Any] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            tokens.append(token)
            if token.start_mark.index > mark.index:
                break
    except yaml.YAMLError:
        pass  # the tokens up to the scanner's own error are enough
    found = None
    for before, after in zip(tokens, tokens[1:]):
        if after.start_mark.index > mark.index:
            break
        if (isinstance(before, yaml.ScalarToken) and before.style in ('"', "'") and isinstance(after, yaml.ScalarToken)
                and after.start_mark.line == before.end_mark.line):
            found = before
    if found is None:
        return None
    closing = found.end_mark.index - 1
    opened = editor_pos(text, found.start_mark.index)
    closed = editor_pos(text, closing)
    kind, what = ("double", 'straight "') if found.style == '"' else ("single", "'")
    if opened[0] != closed[0]:  # the text ran on over lines: most likely its closing mark is missing
        message = (f"YAML syntax error: this {kind}-quoted text has no closing {found.style} on its line, so it"
                   f" runs on to the {found.style} at line {closed[0]}, column {closed[1]}, and YAML cannot read"
                   " what follows that")
        return opened, message, f"close the text on its own line; {_HINTS[found.style]}"
    message = (f"YAML syntax error: this {what} ends the {kind}-quoted text begun at column {opened[1]},"
               " so YAML cannot read what follows it")
    return closed, message, _HINTS[found.style]
