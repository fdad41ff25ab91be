"""The werkplan and verantwoording templates: generated from the rule set, readable by the
importer without a single Melding, with validations that help the organisation, and a round
trip: filled in with an example's values they toetsen to all voldaan. The verantwoording's
template takes over what the werkplan committed."""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest

import toetsing.sjabloon as sjabloon_module

from toetsing.bevindingen import weergave
from toetsing.cli import main
from toetsing.dienst import lees_invoer, toets_bestand, toets_verantwoording_bestand
from toetsing.werkplan import contract as bladen
from toetsing.lezen.importeer import lees_werkplan
from toetsing.regels.laden import beschikbare_regelsets, laad_regelset
from toetsing.regels.model import CONTROLE_SOORTEN, Status
from toetsing.sjabloon import KOPREGEL, bladen_nodig, maak_sjabloon
from toetsing.werkplan.model import Kwartaal

VOORBEELDEN = Path(__file__).resolve().parents[1] / "voorbeelden"
# per rule set, an example werkplan that meets all of its rules
CONFORM = {"meierijstad-2020": "werkplan-conform.xlsx", "meierijstad-2021": "werkplan-2021.xlsx",
           "vijfheerenlanden-2021": "aanvraag-vijfheerenlanden.xlsx"}
CONTRACTBLADEN = ["Algemeen", "Blok A", "Randvoorwaarden", "Deelopdrachten", "Kengetallen", "Producten", "Uren",
                  "Begroting"]


@pytest.fixture(scope="module")
def regelset():
    return laad_regelset("meierijstad-2020")


@pytest.fixture(scope="module")
def sjabloon(regelset):
    return openpyxl.load_workbook(io.BytesIO(maak_sjabloon(regelset)))


def _rijen(ws) -> list[dict]:
    koppen = [c.value for c in ws[KOPREGEL]]
    return [dict(zip(koppen, (c.value for c in rij))) for rij in ws.iter_rows(min_row=KOPREGEL + 1)]


def test_alle_contractbladen_met_uitleg_boven_de_kopregel(sjabloon):
    assert sjabloon.sheetnames == CONTRACTBLADEN
    for ws in sjabloon:
        assert len(ws["A1"].value) > 30  # an instruction, not a header
        assert ws.freeze_panes == f"A{KOPREGEL + 1}"


def test_elke_soort_controle_leest_een_bekend_blad():
    bekend = {t.sheet for t in bladen.TABLES}
    for soort, controle in CONTROLE_SOORTEN.items():
        assert "tabel" in controle.model_fields or controle.blad in bekend, soort


def test_alleen_de_bladen_die_de_regels_lezen():
    regelset = laad_regelset("vijfheerenlanden-2021")
    assert bladen_nodig(regelset) == {"Algemeen", "Activiteiten"}
    wb = openpyxl.load_workbook(io.BytesIO(maak_sjabloon(regelset)))
    assert wb.sheetnames == ["Algemeen", "Activiteiten"]
    velden = [r["Veld"] for r in _rijen(wb["Algemeen"])]
    assert "Looptijd" in velden and "Reikwijdte" not in velden  # no deelopdrachten, but a rule on the looptijd
    preventie = next(c.column_letter for c in wb["Activiteiten"][KOPREGEL] if c.value == "Preventie")
    assert _validatie(wb["Activiteiten"], f"{preventie}{KOPREGEL + 1}").type == "list"  # ja/nee


def test_kolomkoppen_zijn_die_van_het_contract(sjabloon):
    for tabel in bladen.TABLES[1:]:
        if tabel.sheet in CONTRACTBLADEN:
            koppen = [c.value for c in sjabloon[tabel.sheet][KOPREGEL]]
            assert koppen == [k.names[0] for k in tabel.columns if k.field not in sjabloon_module._WEGLATEN]
    assert "Prestatie" not in [c.value for c in sjabloon["Blok A"][KOPREGEL]]
    assert "Uren begroot" not in [c.value for c in sjabloon["Uren"][KOPREGEL]]  # a verantwoording column


def test_algemeen_noemt_opdracht_en_subsidiejaar(sjabloon, regelset):
    velden = {r["Veld"]: r["Waarde"] for r in _rijen(sjabloon["Algemeen"])}
    assert velden["Opdracht"] == regelset.id
    assert velden["Subsidiejaar"] == regelset.subsidiejaar
    assert set(velden) >= {"Organisatie", "Indieningsdatum", "Aanspreekpunt", "Reikwijdte"}
    assert velden["Organisatie"] is None


def test_elke_verwachte_code_staat_erin_met_omschrijving_en_eenheid(sjabloon, regelset):
    rijen = _rijen(sjabloon["Kengetallen"])
    kengetallen = {r["Code"]: r for r in rijen if r["Code"]}
    assert list(kengetallen) == list(regelset.kengetallen)
    for code, k in regelset.kengetallen.items():
        assert kengetallen[code]["Omschrijving"] == k.omschrijving
        assert kengetallen[code]["Eenheid"] == k.eenheid
        assert kengetallen[code]["Waarde"] is None
    # below them a row for an own prestatie of each deelopdracht no numeric code of the list belongs to
    met_getal = {k.deelopdracht for k in regelset.kengetallen.values() if k.eenheid != "tekst"}
    prestaties = {nr for r in regelset.regels for c in r.controles if c.soort == "kengetallen-deelopdracht"
                  for nr in [c.nr]}
    eigen = [r for r in rijen if not r["Code"]]
    assert [r["Deelopdracht"] for r in eigen] == sorted(prestaties - met_getal) and eigen
    assert all(r["Waarde"] is None and "eigen prestatie" in r["Omschrijving"] for r in eigen)
    waarde = next(c.column_letter for c in sjabloon["Kengetallen"][KOPREGEL] if c.value == "Waarde")
    rij = KOPREGEL + rijen.index(eigen[0]) + 1
    assert _validatie(sjabloon["Kengetallen"], f"{waarde}{rij}").type == "decimal"

    randvoorwaarden = _rijen(sjabloon["Randvoorwaarden"])
    assert [r["Code"] for r in randvoorwaarden] == list(regelset.randvoorwaarden)
    assert all(r["Akkoord"] is None and r["Randvoorwaarde"] for r in randvoorwaarden)

    producten = _rijen(sjabloon["Producten"])
    assert {r["Code"] for r in producten} == set(regelset.producten)
    assert [r["Code"] for r in producten].count("TRENDRAPPORTAGE") == 2  # Q1 and Q3
    assert all(r["Oplevering"] is None for r in producten)
    assert {r["Deelopdracht"] for r in producten if r["Code"] == "ONDERZOEK-DAGBESTEDING"} == {7}

    deelopdrachten = [(r["Nr"], r["Deelopdracht"]) for r in _rijen(sjabloon["Deelopdrachten"])]
    assert deelopdrachten == [(nr, d.naam) for nr, d in sorted(regelset.deelopdrachten.items())]


def _validatie(ws, cel: str):
    gevonden = [dv for dv in ws.data_validations.dataValidation if cel in dv.sqref]
    assert len(gevonden) == 1, f"{ws.title}!{cel}"
    dv = gevonden[0]
    assert dv.showInputMessage and dv.prompt and dv.promptTitle
    return dv


def test_invoer_wordt_gecontroleerd_met_nederlandse_uitleg(sjabloon):
    akkoord = _validatie(sjabloon["Randvoorwaarden"], "C3")
    assert (akkoord.type, akkoord.formula1) == ("list", '"ja,nee"')
    assert akkoord.showErrorMessage and "ja of nee" in akkoord.error
    for blad, cel in (("Blok A", "B3"), ("Uren", "B3"), ("Uren", "C40"), ("Begroting", "B3"), ("Begroting", "C3")):
        dv = _validatie(sjabloon[blad], cel)
        assert (dv.type, dv.operator, dv.formula1) == ("decimal", "greaterThanOrEqual", "0")
        assert "getal" in dv.error
    nr = _validatie(sjabloon["Deelopdrachten"], "A3")
    assert (nr.type, nr.formula1, nr.formula2) == ("whole", "1", "13")
    assert _validatie(sjabloon["Producten"], "C3").type == "whole"
    assert _validatie(sjabloon["Producten"], "D3").type is None  # a prompt only: quarter or date

    algemeen = {r[0].value: r[1] for r in sjabloon["Algemeen"].iter_rows(min_row=KOPREGEL + 1)}
    datum = _validatie(sjabloon["Algemeen"], algemeen["Indieningsdatum"].coordinate)
    assert datum.type == "date" and "datum" in datum.prompt
    assert algemeen["Indieningsdatum"].number_format == "DD-MM-YYYY"
    assert _validatie(sjabloon["Algemeen"], algemeen["Subsidiejaar"].coordinate).type == "whole"


@pytest.mark.parametrize("regelset_id", beschikbare_regelsets())
def test_leeg_sjabloon_toetst_zonder_meldingen_en_niets_voldaan(tmp_path, regelset_id):
    pad = tmp_path / "leeg.xlsx"
    pad.write_bytes(maak_sjabloon(laad_regelset(regelset_id)))
    werkplan = lees_werkplan(pad)
    assert werkplan.meldingen == []
    rapport = toets_bestand(lees_invoer(pad))  # the Opdracht field names the rule set
    assert rapport.opdracht == regelset_id
    assert rapport.exitcode == 1
    # voldaan only on what the template itself wrote (Opdracht, Subsidiejaar, labels), never on more
    wb = openpyxl.load_workbook(pad)
    vooraf = {f"{ws.title}!{c.coordinate}" for ws in wb for rij in ws.iter_rows(min_row=KOPREGEL + 1)
              for c in rij if c.value is not None}
    for b in rapport.bevindingen:
        if b.status == Status.voldaan:
            assert set(b.bewijs) <= vooraf, b.regel
    assert Status.ontbreekt in {b.status for b in rapport.bevindingen}


def _schrijfbaar(waarde):
    if isinstance(waarde, Kwartaal):
        return waarde.datum or str(waarde)
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, list):
        return "; ".join(map(str, waarde))
    return waarde


def _vul_in(sjabloon_pad: Path, bron: Path, doel: Path) -> None:
    """Fill the template the way an organisation would: the values of an example, row by
    row, into the row of the same code / number / onderdeel / function (or a new row)."""
    leeg, voorbeeld = lees_werkplan(sjabloon_pad), lees_werkplan(bron)
    wb = openpyxl.load_workbook(sjabloon_pad)
    ws = wb["Algemeen"]
    rij_van = {ws.cell(r, 1).value: r for r in range(KOPREGEL + 1, ws.max_row + 1)}
    for veld in bladen.ALGEMEEN_FIELDS:
        w = getattr(voorbeeld.algemeen, veld.field, None)
        if w is not None and veld.names[0] in rij_van:
            ws.cell(rij_van[veld.names[0]], 2, _schrijfbaar(w.waarde))
    sleutels = {"randvoorwaarden": "code", "kengetallen": "code", "producten": "code", "deelopdrachten": "nr",
                "uren": "onderdeel", "begroting": "post", "blok_a": "functie"}
    for tabel in bladen.TABLES:
        if tabel.sheet not in wb.sheetnames or tabel is bladen.ALGEMEEN:
            continue
        ws = wb[tabel.sheet]
        veld_van = {bladen.header_key(naam): k.field for k in tabel.columns for naam in k.names}
        kolom = {veld_van[bladen.header_key(c.value)]: i for i, c in enumerate(ws[KOPREGEL], start=1)}
        sleutel = sleutels.get(tabel.attribute)
        vrij: dict = {}  # key -> template rows not yet used
        for rij in getattr(leeg, tabel.attribute):
            if sleutel and getattr(rij, sleutel):
                vrij.setdefault(getattr(rij, sleutel).waarde, []).append(rij.rij)
        leeg_rijen = [r for r in range(KOPREGEL + 1, ws.max_row + 2)
                      if all(c.value is None for c in ws[r]) and r not in sum(vrij.values(), [])]
        volgende = iter(leeg_rijen + list(range(ws.max_row + 2, ws.max_row + 100)))
        for rij in getattr(voorbeeld, tabel.attribute):
            w_sleutel = getattr(rij, sleutel) if sleutel else None
            plekken = vrij.get(w_sleutel.waarde) if w_sleutel else None
            doelrij = plekken.pop(0) if plekken else next(volgende)
            for k in tabel.columns:
                w = getattr(rij, k.field, None)
                if k.field in kolom and w:
                    ws.cell(doelrij, kolom[k.field], _schrijfbaar(w.waarde))
    wb.save(doel)


@pytest.mark.parametrize("regelset_id", CONFORM)
def test_ingevuld_sjabloon_voldoet_overal(tmp_path, regelset_id):
    leeg = tmp_path / "sjabloon.xlsx"
    leeg.write_bytes(maak_sjabloon(laad_regelset(regelset_id)))
    ingevuld = tmp_path / "ingevuld.xlsx"
    _vul_in(leeg, VOORBEELDEN / CONFORM[regelset_id], ingevuld)
    rapport = toets_bestand(lees_invoer(ingevuld))
    assert rapport.opdracht == regelset_id and rapport.meldingen == []
    niet_voldaan = {b.regel: b.toelichting for b in rapport.bevindingen if b.status != Status.voldaan}
    assert niet_voldaan == {}
    assert rapport.exitcode == 0


def test_ingevulde_datum_blijft_een_datum(tmp_path, regelset):
    leeg = tmp_path / "sjabloon.xlsx"
    leeg.write_bytes(maak_sjabloon(regelset))
    ingevuld = tmp_path / "ingevuld.xlsx"
    _vul_in(leeg, VOORBEELDEN / CONFORM["meierijstad-2020"], ingevuld)
    assert lees_werkplan(ingevuld).algemeen.indieningsdatum.waarde == date(2019, 10, 11)


def test_commando_sjabloon(tmp_path, capsys, monkeypatch):
    assert main(["sjabloon"]) == 2
    assert "--opdracht meierijstad-2020" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)
    assert main(["sjabloon", "--opdracht", "meierijstad-2020"]) == 0
    standaard = tmp_path / "werkplan-meierijstad-2020.xlsx"
    assert openpyxl.load_workbook(standaard).sheetnames == CONTRACTBLADEN
    assert main(["sjabloon", "--opdracht", "meierijstad-2020"]) == 2
    assert "bestaat al" in capsys.readouterr().err
    assert main(["sjabloon", "--opdracht", "meierijstad-2020", "--overschrijf"]) == 0
    assert main(["sjabloon", "--opdracht", "meierijstad-2020", "-o", "werkplan.ods"]) == 2
    assert ".xlsx" in capsys.readouterr().err
    assert main(["sjabloon", "--opdracht", "atlantis-2099", "-o", "a.xlsx"]) == 2
    assert not (tmp_path / "a.xlsx").exists()


# --- the verantwoording template ------------------------------------------------------------

WERKPLAN = VOORBEELDEN / "werkplan-conform.xlsx"
VERANTWOORDINGBLADEN = ["Algemeen", "Blok A", "Randvoorwaarden", "Kengetallen", "Producten", "Uren", "Begroting"]


@pytest.fixture(scope="module")
def werkplan():
    return lees_werkplan(WERKPLAN)


@pytest.fixture(scope="module")
def verantwoording(regelset, werkplan):
    """The verantwoording template that starts from the conform werkplan."""
    return openpyxl.load_workbook(io.BytesIO(maak_sjabloon(regelset, "verantwoording", werkplan)))


def test_verantwoording_alleen_de_bladen_van_de_regels_voor_een_verantwoording(regelset, verantwoording):
    assert verantwoording.sheetnames == VERANTWOORDINGBLADEN  # no rule judges a verantwoording's Deelopdrachten
    assert bladen_nodig(regelset, "verantwoording") == set(VERANTWOORDINGBLADEN)
    velden = [r["Veld"] for r in _rijen(verantwoording["Algemeen"])]
    assert velden == ["Organisatie", "Subsidiejaar", "Opdracht", "Reikwijdte"]
    for ws in verantwoording:
        assert len(ws["A1"].value) > 30 and ws.freeze_panes == f"A{KOPREGEL + 1}"


def test_verantwoording_kolommen_zijn_die_van_het_formaat(verantwoording):
    koppen = {ws.title: [c.value for c in ws[KOPREGEL]] for ws in verantwoording}
    assert koppen["Blok A"][:3] == ["Functie", "Fte geleverd", "Kwalificatie"]
    assert koppen["Randvoorwaarden"][:3] == ["Code", "Randvoorwaarde", "Nagekomen"]
    assert koppen["Kengetallen"][:4] == ["Code", "Omschrijving", "Realisatie", "Eenheid"]
    assert koppen["Producten"][:4] == ["Code", "Product", "Deelopdracht", "Opgeleverd op"]
    assert koppen["Uren"] == ["Onderdeel", "Uren gerealiseerd", "Uren begroot", "Toelichting"]
    assert koppen["Begroting"] == ["Post", "Besteed", "Bedrag begroot", "Toelichting"]
    # every header is one the importer reads, for the field the template meant
    for tabel in bladen.TABLES[1:]:
        if tabel.sheet in koppen:
            namen = {bladen.header_key(n) for k in tabel.columns for n in k.names}
            assert {bladen.header_key(kop) for kop in koppen[tabel.sheet]} <= namen
    assert "10%" in verantwoording["Uren"]["A1"].value  # the threshold of VA-UREN-TOEGELICHT


def test_verantwoording_neemt_de_toezeggingen_van_het_werkplan_over(verantwoording, werkplan):
    algemeen = {r["Veld"]: r["Waarde"] for r in _rijen(verantwoording["Algemeen"])}
    assert algemeen["Organisatie"] == werkplan.algemeen.organisatie.waarde
    assert (algemeen["Subsidiejaar"], algemeen["Opdracht"]) == (2020, "meierijstad-2020")

    ws = verantwoording["Blok A"]
    functies = [(r["Functie"], r["Fte geleverd"]) for r in _rijen(ws)]
    assert functies == [(r.functie.waarde, None) for r in werkplan.blok_a]
    assert ws["B3"].comment.text == "Toegezegd in het werkplan: 6,4 fte"

    ws = verantwoording["Kengetallen"]
    rij = next(c.row for c in ws["A"] if c.value == "JW-BEREIK")
    assert ws.cell(rij, 3).value is None and ws.cell(rij, 3).comment.text == "Toegezegd in het werkplan: 60 %"

    ws = verantwoording["Producten"]
    trend = [c.row for c in ws["A"] if c.value == "TRENDRAPPORTAGE"]
    assert [ws.cell(r, 4).comment.text for r in trend] == ["Gepland in het werkplan: Q1 2020",
                                                           "Gepland in het werkplan: Q3 2020"]

    uren = [(r["Onderdeel"], r["Uren begroot"]) for r in _rijen(verantwoording["Uren"])]
    assert uren == [(weergave(r.onderdeel), r.uren.waarde) for r in werkplan.uren]
    assert uren[0] == ("Blok A", 19656) and uren[-1] == ("Totaal", 50516)
    begroting = [(r["Post"], r["Bedrag begroot"], r["Besteed"]) for r in _rijen(verantwoording["Begroting"])]
    # what is still to fill is empty; its total adds it up
    laatste = len(werkplan.begroting) + KOPREGEL
    assert begroting == [(r.post.waarde, r.bedrag.waarde, f"=SUM(B{KOPREGEL + 1}:B{laatste - 1})" if r.is_totaal else None)
                         for r in werkplan.begroting]


def test_verantwoording_invoer_wordt_gecontroleerd(verantwoording):
    nagekomen = _validatie(verantwoording["Randvoorwaarden"], "C3")
    assert (nagekomen.type, nagekomen.formula1) == ("list", '"ja,nee"')
    for blad, cel in (("Blok A", "B3"), ("Uren", "B3"), ("Uren", "C3"), ("Begroting", "B3"), ("Begroting", "C3")):
        assert _validatie(verantwoording[blad], cel).type == "decimal"
    assert _validatie(verantwoording["Producten"], "D3").prompt


def test_verantwoording_zonder_werkplan(regelset):
    wb = openpyxl.load_workbook(io.BytesIO(maak_sjabloon(regelset, "verantwoording")))
    assert wb.sheetnames == VERANTWOORDINGBLADEN
    assert not any(v for r in _rijen(wb["Blok A"]) for v in r.values())
    assert [r["Code"] for r in _rijen(wb["Kengetallen"])] == list(regelset.kengetallen)
    assert all(c.comment is None for ws in wb for rij in ws.iter_rows() for c in rij)
    assert "uit het werkplan; laat die staan" not in wb["Uren"]["A1"].value


def test_onaangeroerde_verantwoording_leest_zonder_meldingen(tmp_path, capsys):
    leeg = tmp_path / "verantwoording.xlsx"
    assert main(["sjabloon", "--verantwoording", "--werkplan", str(WERKPLAN), "-o", str(leeg)]) == 0
    assert main(["verantwoording", str(leeg), "--werkplan", str(WERKPLAN)]) == 1
    assert "niet worden gelezen" not in capsys.readouterr().out
    rapport = toets_verantwoording_bestand(lees_invoer(leeg), lees_invoer(WERKPLAN))
    assert rapport.meldingen == []
    status = {b.regel: b.status for b in rapport.bevindingen}
    assert status["VA-UREN-BEGROOT"] == Status.voldaan  # the budgeted hours are the werkplan's
    assert status["VA-FTE-GELEVERD"] == Status.ontbreekt


@pytest.mark.parametrize("met_werkplan", [True, False])
def test_ingevulde_verantwoording_voldoet_overal(tmp_path, regelset, werkplan, met_werkplan):
    leeg = tmp_path / "sjabloon.xlsx"
    leeg.write_bytes(maak_sjabloon(regelset, "verantwoording", werkplan if met_werkplan else None))
    ingevuld = tmp_path / "ingevuld.xlsx"
    _vul_in(leeg, VOORBEELDEN / "verantwoording-2020.xlsx", ingevuld)
    rapport = toets_verantwoording_bestand(lees_invoer(ingevuld), lees_invoer(WERKPLAN))
    assert rapport.meldingen == []
    assert {b.regel: b.toelichting for b in rapport.bevindingen if b.status != Status.voldaan} == {}
    assert rapport.exitcode == 0


def test_commando_sjabloon_verantwoording(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["sjabloon", "--verantwoording", "--werkplan", str(WERKPLAN)]) == 0  # the opdracht of the werkplan
    assert openpyxl.load_workbook(tmp_path / "verantwoording-meierijstad-2020.xlsx").sheetnames == VERANTWOORDINGBLADEN
    assert main(["sjabloon", "--verantwoording", "--opdracht", "meierijstad-2021"]) == 0
    assert (tmp_path / "verantwoording-meierijstad-2021.xlsx").exists()
    capsys.readouterr()
    assert main(["sjabloon", "--opdracht", "meierijstad-2020", "--werkplan", str(WERKPLAN)]) == 2
    assert "--verantwoording" in capsys.readouterr().err
    assert main(["sjabloon", "--verantwoording", "--opdracht", "vijfheerenlanden-2021"]) == 2
    assert "geen regels voor een verantwoording" in capsys.readouterr().err
    kopie = tmp_path / "werkplan.xlsx"
    kopie.write_bytes(WERKPLAN.read_bytes())
    assert main(["sjabloon", "--verantwoording", "--werkplan", str(kopie), "-o", str(kopie), "--overschrijf"]) == 2
    assert kopie.read_bytes() == WERKPLAN.read_bytes()  # never over the werkplan it reads


def _totaalrij(ws) -> int:
    return next(c.row for c in ws["A"] if bladen.is_totaalnaam(c.value))


@pytest.mark.parametrize("blad", ["Uren", "Begroting"])
def test_totaalregel_telt_de_rijen_erboven_op(regelset, blad):
    """Each sum column of the Totaal row is a SUM of the rows above it, with its result written in
    (0 in an empty template), so a program that does not compute reads it too."""
    inhoud = maak_sjabloon(regelset)
    ws, waarden = openpyxl.load_workbook(io.BytesIO(inhoud))[blad], openpyxl.load_workbook(io.BytesIO(inhoud), data_only=True)[blad]
    rij = _totaalrij(ws)
    tabel = next(t for t in bladen.TABLES if t.sheet == blad)
    sommen = [c for c in ws[KOPREGEL] if bladen.header_key(c.value) in
              {bladen.header_key(n) for k in tabel.columns if k.field in tabel.som_kolommen for n in k.names}]
    assert len(sommen) == 2  # this year's and last year's
    for kop in sommen:
        letter = kop.column_letter
        assert ws[f"{letter}{rij}"].value == f"=SUM({letter}{KOPREGEL + 1}:{letter}{rij - 1})"
        assert waarden[f"{letter}{rij}"].value == 0


@pytest.mark.libreoffice
def test_totaalregel_na_invullen_in_libreoffice(tmp_path, regelset):
    """Filled in and saved by a real spreadsheet program, the Totaal row is the sum, and UREN-TOTAAL agrees."""
    from tests.test_lezen_libreoffice import _bewaar_met_libreoffice

    leeg = tmp_path / "werkplan.xlsx"
    leeg.write_bytes(maak_sjabloon(regelset))
    wb = openpyxl.load_workbook(leeg)
    ws = wb["Uren"]
    uren = {r: 100 * r + 0.5 for r in range(KOPREGEL + 1, _totaalrij(ws))}
    for r, waarde in uren.items():
        ws.cell(r, 2, waarde)
    wb.save(leeg)
    opgeslagen = _bewaar_met_libreoffice(leeg, tmp_path / "libreoffice")
    werkplan = lees_werkplan(opgeslagen)
    totaal = next(r for r in werkplan.uren if r.is_totaal)
    assert totaal.uren.waarde == pytest.approx(sum(uren.values()))
    rapport = toets_bestand(lees_invoer(opgeslagen))
    assert next(b for b in rapport.bevindingen if b.regel == "UREN-TOTAAL").status == Status.voldaan
