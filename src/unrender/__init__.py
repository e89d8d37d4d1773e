"""unrender: United Nations resolutions from source text to UN-style PDF and HTML."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # looked up on first use: importlib.metadata costs ~30 ms, and `unrender check` must start fast
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("unrender")
        except PackageNotFoundError:  # running from a source tree that was never installed
            return "0.0.0+source"
    raise AttributeError(name)
