"""Licences a source article may carry: SPDX ids, their names and where to read them.

Only content licences (a news article is not software): the Creative Commons
family in every published version, CC0, the GNU Free Documentation License, and
``public-domain`` (not an SPDX id: SPDX has none for works in the public
domain). Any other licence is written as a mapping with ``name`` and ``url``.
"""

from __future__ import annotations

from typing import Mapping

_CC_KINDS = {
    "BY": "Attribution",
    "BY-SA": "Attribution-ShareAlike",
    "BY-ND": "Attribution-NoDerivatives",
    "BY-NC": "Attribution-NonCommercial",
    "BY-NC-SA": "Attribution-NonCommercial-ShareAlike",
    "BY-NC-ND": "Attribution-NonCommercial-NoDerivatives",
}
_CC_VERSIONS = ("1.0", "2.0", "2.5", "3.0", "4.0")


def _creative_commons() -> dict[str, tuple[str, str]]:
    out = {}
    for kind, words in _CC_KINDS.items():
        for version in _CC_VERSIONS:
            if version == "1.0" and "NC-ND" in kind:
                continue  # published as BY-ND-NC 1.0, a different SPDX id
            spdx = f"CC-{kind}-{version}"
            out[spdx] = (f"Creative Commons {words} {version}",
                         f"https://creativecommons.org/licenses/{kind.lower()}/{version}/")
    return out


LICENSES: Mapping[str, tuple[str, str]] = {
    **_creative_commons(),
    "CC0-1.0": ("CC0 1.0 Universal (public domain dedication)",
                "https://creativecommons.org/publicdomain/zero/1.0/"),
    "GFDL-1.2-or-later": ("GNU Free Documentation License 1.2 or later", "https://spdx.org/licenses/GFDL-1.2-or-later.html"),
    "GFDL-1.3-or-later": ("GNU Free Documentation License 1.3 or later", "https://spdx.org/licenses/GFDL-1.3-or-later.html"),
    "GFDL-1.3-only": ("GNU Free Documentation License 1.3", "https://spdx.org/licenses/GFDL-1.3-only.html"),
    "public-domain": ("Public domain", ""),
}
"""SPDX id -> (name shown to readers, URL of the licence text; empty for the public domain)."""


def license_name_and_url(value: object) -> tuple[str, str]:
    """What the brief page shows for a ``source.license``: its name and link (may be empty)."""
    if isinstance(value, str):
        return LICENSES[value]
    name, url = getattr(value, "name"), getattr(value, "url")
    return name, url
