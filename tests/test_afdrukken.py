"""Paper: the xlsx report, the annotated copy's Toetsing sheet and the template print on A4
landscape, fitted to the width only, with the header row on every page, text that is not
shrunk below 9 pt and rows tall enough for their wrapped text (Excel does not grow a row for
text a program wrote). Checked on the workbook; the widths were tuned on LibreOffice's PDF."""
from __future__ import annotations

import io
import textwrap
from pathlib import Path

import openpyxl
import pytest

from toetsing.dienst import lees_invoer, toets_bestand
from toetsing.rapport.als_xlsx import PAPIER, als_xlsx
from toetsing.rapport.annoteren import annoteer
from toetsing.regels.laden import laad_regelset
from toetsing.sjabloon import KOPREGEL, maak_sjabloon

CONCEPT = Path(__file__).resolve().parents[1] / "voorbeelden" / "werkplan-concept.xlsx"


@pytest.fixture(scope="module")
def bladen():
    invoer = lees_invoer(CONCEPT)
    rapport = toets_bestand(invoer)
    verslag = openpyxl.load_workbook(io.BytesIO(als_xlsx(rapport)))
    kopie = openpyxl.load_workbook(io.BytesIO(annoteer(rapport, invoer.inhoud)))
    return {"Bevindingen": (verslag["Bevindingen"], 1), "Toetsing": (kopie["Toetsing"], _kopregel(kopie["Toetsing"]))}


def _kopregel(ws) -> int:
    return next(c.row for c in ws["A"] if c.value == "Regel")


def _pagina(ws, kopregel: int | None) -> None:
    ps = ws.page_setup
    assert int(ps.paperSize) == int(ws.PAPERSIZE_A4) and ps.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and int(ps.fitToWidth) == 1 and int(ps.fitToHeight) == 0
    if kopregel:
        assert ws.print_title_rows == f"${kopregel}:${kopregel}"


@pytest.mark.parametrize("naam", ["Bevindingen", "Toetsing"])
def test_bevindingen_op_papier(bladen, naam):
    ws, kopregel = bladen[naam]
    _pagina(ws, kopregel)
    breedte = sum(ws.column_dimensions[c.column_letter].width for c in ws[kopregel] if c.value)
    assert 11 * min(1, PAPIER / breedte) >= 9  # fitted to the width, 11 pt text prints at 9 pt or more
    rijen = 0
    for rij in ws.iter_rows(min_row=kopregel + 1):
        for cel in rij:
            if isinstance(cel.value, str) and cel.alignment.wrap_text:
                tekens = int((ws.column_dimensions[cel.column_letter].width - 1) * 1.1)
                regels = sum(len(textwrap.wrap(d, tekens)) or 1 for d in cel.value.split("\n"))
                assert ws.row_dimensions[cel.row].height >= min(13 * regels, 409), cel.coordinate  # 409: Excel's most
                rijen += regels > 1
    assert rijen > 10  # the report has many rows of more than one line


def test_sjabloon_op_papier_en_getallen_gecontroleerd():
    wb = openpyxl.load_workbook(io.BytesIO(maak_sjabloon(laad_regelset("meierijstad-2020"))))
    for ws in wb.worksheets:
        _pagina(ws, KOPREGEL)
    kengetallen = wb["Kengetallen"]
    waarde = next(c.column_letter for c in kengetallen[KOPREGEL] if c.value == "Waarde")
    gecontroleerd: set[str] = set()
    for d in kengetallen.data_validations.dataValidation:
        if d.type == "decimal":
            gecontroleerd |= {f"{openpyxl.utils.get_column_letter(k)}{r}" for bereik in d.sqref.ranges
                              for r, k in bereik.cells}
    codes = [c.row for c in kengetallen["A"][KOPREGEL:] if c.value]
    assert codes and {f"{waarde}{r}" for r in codes} <= gecontroleerd
