"""The organs that issue resolutions: masthead name, enacting formula, paper."""

from __future__ import annotations

MAIN_COMMITTEES = ("First Committee", "Second Committee", "Third Committee", "Fourth Committee",
                   "Special Political and Decolonization Committee", "Fifth Committee",
                   "Sixth Committee")
PRINCIPAL = ("General Assembly", "Human Rights Council", "Security Council",
             "Economic and Social Council")
BODIES = PRINCIPAL + MAIN_COMMITTEES


def masthead_organ(body: str) -> str:
    """The principal organ in the masthead: A/HRC/… and Main Committee texts are GA documents."""
    if body in ("Security Council", "Economic and Social Council"):
        return body
    return "General Assembly"


def enacting_body(body: str) -> str:
    """Who speaks in the enacting formula: a Main Committee drafts for the General Assembly."""
    return "General Assembly" if body in MAIN_COMMITTEES else body


def default_paper(body: str, symbol: str | None) -> str:
    """Geneva documents (the Human Rights Council's) are A4; New York's are US Letter."""
    if body == "Human Rights Council" or (symbol or "").startswith("A/HRC/"):
        return "a4"
    return "letter"
