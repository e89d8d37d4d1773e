"""unrender: United Nations resolutions from source text to UN-style PDF and HTML."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("unrender")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
