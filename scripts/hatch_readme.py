"""Build hook: the package page's description is README.md with its repository-relative links
made to work there.

On a package index a link such as ``docs/text-input.md`` or the page-1 image leads nowhere. With
a ``Source`` URL under ``[project.urls]`` they point into the repository; without one, a link
becomes its text and the file it names (which ships in the source distribution), and an image
its caption.
"""

from __future__ import annotations

import re
from pathlib import Path

from hatchling.metadata.plugin.interface import MetadataHookInterface

_IMAGE = re.compile(r"!\[([^\]]*)\]\((?!https?:)([^)]+)\)")
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\((?!https?:|mailto:|#)([^)]+)\)")


def package_description(readme: str, source_url: str | None) -> str:
    if source_url:
        base = source_url.rstrip("/")
        readme = _IMAGE.sub(rf"![\1]({base}/raw/HEAD/\2)", readme)
        return _LINK.sub(rf"[\1]({base}/blob/HEAD/\2)", readme)
    readme = _IMAGE.sub(r"*(\1: \2 in the source distribution)*", readme)
    return _LINK.sub(lambda m: m.group(1) if m.group(1) == m.group(2)
                     else f"{m.group(1)} ({m.group(2)})", readme)


class ReadmeHook(MetadataHookInterface):
    def update(self, metadata: dict) -> None:
        readme = Path(self.root, "README.md").read_text("utf-8")
        source = metadata.get("urls", {}).get("Source")
        metadata["readme"] = {"content-type": "text/markdown",
                              "text": package_description(readme, source)}
