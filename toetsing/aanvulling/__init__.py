"""`toetsing aanvulling`: the gemeente's letter asking the organisation to complete its aanvraag
(the aanvullingsverzoek), with the term counted as the Algemene termijnenwet counts it.

termijn.py counts the term; maak.py makes the letter model (model.py) from a toetsingsrapport
and the rule set's `brief:` texts; als_docx.py and als_html.py lay it out, JSON is the model."""
from __future__ import annotations

FORMATEN = {"docx": ".docx", "html": ".html", "json": ".json"}


def inhoud(verzoek, formaat: str, sjabloon: bytes | None = None) -> bytes:
    """The letter as the content of a file in `formaat` (the Word template only counts for docx)."""
    if formaat == "docx":
        from toetsing.aanvulling.als_docx import als_docx

        return als_docx(verzoek, sjabloon)
    if formaat == "html":
        from toetsing.aanvulling.als_html import als_html

        return als_html(verzoek).encode("utf-8")
    return (verzoek.model_dump_json(indent=2) + "\n").encode("utf-8")
