"""The aanvullingsverzoek as a Word letter (python-docx). With the gemeente's own brief.docx the
letter is written into that document, so its letterhead, footer and styles stay the gemeente's."""
from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from toetsing.aanvulling.model import Aanvullingsverzoek


def als_docx(verzoek: Aanvullingsverzoek, sjabloon: bytes | None = None) -> bytes:
    doc = Document(io.BytesIO(sjabloon)) if sjabloon else Document()
    _nederlands(doc)
    doc.core_properties.title = verzoek.onderwerp
    doc.core_properties.author = f"Gemeente {verzoek.gemeente}"
    doc.core_properties.language = "nl-NL"

    if verzoek.briefhoofd:
        _regels(doc, verzoek.briefhoofd, vet_eerste=True)
        doc.add_paragraph()
    _regels(doc, verzoek.aan)
    doc.add_paragraph()
    tabel = doc.add_table(rows=0, cols=2)
    tabel.autofit = False
    for kolom, breedte in zip(tabel.columns, _BREEDTES):  # the grid is what LibreOffice reads
        kolom.width = breedte
    for label, waarde in verzoek.kenmerken:
        rij = tabel.add_row().cells
        rij[0].paragraphs[0].add_run(label).bold = True
        rij[1].paragraphs[0].add_run(waarde)
        rij[0].width, rij[1].width = _BREEDTES
    doc.add_paragraph()
    doc.add_paragraph(verzoek.aanhef)
    for blok in verzoek.inleiding:
        _blok(doc, blok)
    for groep in verzoek.groepen:
        _kop(doc, groep.naam, 2)
        for punt in groep.punten:
            _kop(doc, punt.kop, 3)
            for onderdeel in punt.onderdelen:
                p = doc.add_paragraph()
                p.add_run(f"{onderdeel.kop}: ").bold = True
                p.add_run(onderdeel.regels[0])
                for regel in onderdeel.regels[1:]:
                    p.add_run().add_break()
                    p.add_run(regel)
    for blok in verzoek.vervolg:
        _blok(doc, blok)
    doc.add_paragraph(verzoek.slot)
    doc.add_paragraph()
    _regels(doc, verzoek.ondertekening)
    uit = io.BytesIO()
    doc.save(uit)
    return uit.getvalue()


_BREEDTES = (Cm(3.5), Cm(12.5))  # label, value


def _nederlands(doc) -> None:
    """Spelling and hyphenation in Dutch: the language of the Normal style."""
    rpr = doc.styles["Normal"].element.get_or_add_rPr()
    taal = rpr.find(qn("w:lang"))
    if taal is None:
        taal = rpr.makeelement(qn("w:lang"), {})
        rpr.append(taal)
    taal.set(qn("w:val"), "nl-NL")


def _kop(doc, tekst: str, niveau: int) -> None:
    try:
        doc.add_heading(tekst, niveau)
    except KeyError:  # a gemeente's template without heading styles: bold text then
        run = doc.add_paragraph().add_run(tekst)
        run.bold = True
        run.font.size = Pt(13 if niveau == 2 else 11)


def _blok(doc, blok) -> None:
    if blok.kop:
        _kop(doc, blok.kop, 2)
    for alinea in blok.alineas:
        doc.add_paragraph(alinea)


def _regels(doc, regels: list[str], vet_eerste: bool = False) -> None:
    """Lines of an address or a signature: one paragraph, line breaks between."""
    p = doc.add_paragraph()
    for i, regel in enumerate(regels):
        if i:
            p.add_run().add_break()
        p.add_run(regel).bold = vet_eerste and i == 0
