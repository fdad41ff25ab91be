"""lees_werkplan() on small workbooks: the contract's sheets, and every point of its
*Tolerance* section (toetsing/lezen/importeer.py, werkplan/contract.py)."""
from __future__ import annotations

from datetime import date

import pytest

from tests.lezen_helpers import compleet_werkplan, maak_werkboek
from toetsing.lezen import lees_werkplan
from toetsing.werkplan.contract import TABLES, ALGEMEEN_FIELDS, header_key
from toetsing.werkplan.model import Kwartaal, Melding, Plek


def _lees(tmp_path, bladen):
    return lees_werkplan(maak_werkboek(tmp_path, bladen))


def _meldingen(werkplan) -> list[tuple[str | None, str | None, str]]:
    return [(m.blad, m.cel, m.tekst) for m in werkplan.meldingen]


# --- the whole werkplan ---


def test_compleet_werkplan(tmp_path):
    werkplan = _lees(tmp_path, compleet_werkplan())
    assert werkplan.meldingen == []
    # every sheet of the contract; Activiteiten belongs to another opdracht's format
    assert werkplan.bladen == {t.sheet: t.sheet for t in TABLES if t.sheet != "Activiteiten"}

    algemeen = werkplan.algemeen
    assert algemeen.organisatie.waarde == "Welzijn De Meierij"
    assert algemeen.organisatie.plek == Plek(blad="Algemeen", cel="B2", kolom="Waarde")
    assert algemeen.subsidiejaar.waarde == 2020
    assert algemeen.opdracht.waarde == "meierijstad-2020"
    assert algemeen.indieningsdatum.waarde == date(2019, 10, 1)
    assert algemeen.aanspreekpunt.waarde == ["Jan Jansen"]
    assert algemeen.reikwijdte is None  # volledig

    opbouwwerker, jongerenwerker = werkplan.blok_a
    assert (opbouwwerker.rij, opbouwwerker.functie.waarde, opbouwwerker.fte.waarde) == (3, "Opbouwwerker", 1.5)
    assert opbouwwerker.kwalificatie.plek == Plek(blad="Blok A", cel="C3", kolom="Kwalificatie")
    assert (jongerenwerker.fte.waarde, jongerenwerker.fte.ruw) == (0.8, "0,8")
    assert opbouwwerker.prestatie_inhoud == []

    assert [(r.code.waarde, r.akkoord.waarde) for r in werkplan.randvoorwaarden][-2:] == [
        ("RV-VERVANGING", False),
        ("RV-VINDBAARHEID", True),
    ]
    assert [(r.nr.waarde, r.instelling.waarde) for r in werkplan.deelopdrachten] == [
        (1, ["Welzijn De Meierij"]),
        (2, ["Welzijn De Meierij", "Farent"]),
    ]
    assert [r.waarde.waarde for r in werkplan.kengetallen] == [5.0, 5.0, "Veghel en Schijndel"]
    assert [r.oplevering.waarde for r in werkplan.producten] == [
        Kwartaal(jaar=2020, kwartaal=1),
        Kwartaal(jaar=2020, kwartaal=3),
        Kwartaal(jaar=2020, kwartaal=2, datum=date(2020, 5, 15)),
    ]
    assert [(r.onderdeel.waarde, r.is_totaal, r.uren.waarde) for r in werkplan.uren] == [
        ("A", False, 2000),
        ("1", False, 1234.5),
        ("Totaal", True, 3234.5),
    ]
    assert [(r.post.waarde, r.is_totaal, r.bedrag.waarde) for r in werkplan.begroting] == [
        ("Personeel", False, 12500),
        ("Totaal", True, 12500),
    ]


# --- sheet names ---


@pytest.mark.parametrize(
    ("titel", "blad"),
    [
        ("Blok A", "Blok A"),
        (" blok a ", "Blok A"),
        ("BLOK A", "Blok A"),  # Excel forbids ":" in sheet names; headers test it
        ("Formatie", "Blok A"),
        ("Planning", "Producten"),
        ("Opleveringen", "Producten"),
        ("Urenoverzicht", "Uren"),
        ("Financieel overzicht", "Begroting"),
        ("Financiën", "Begroting"),
        ("Algemene gegevens", "Algemeen"),
        ("Blok B", "Deelopdrachten"),
        ("Kengetallen ", "Kengetallen"),
        ("Randvóórwaarden", "Randvoorwaarden"),
    ],
)
def test_bladnaam_en_synoniemen(tmp_path, titel, blad):
    tabel = next(t for t in TABLES if t.sheet == blad)
    werkplan = _lees(tmp_path, {titel: compleet_werkplan()[blad]})
    assert werkplan.bladen == {blad: titel}
    if tabel.attribute:
        rijen = getattr(werkplan, tabel.attribute)
        assert rijen and all(_plekken(rij) == {titel} for rij in rijen)
    else:
        assert werkplan.algemeen.organisatie.plek.blad == titel


def _plekken(rij) -> set[str]:
    return {waarde.plek.blad for _, waarde in rij if hasattr(waarde, "plek")}


def test_extra_bladen_worden_genegeerd(tmp_path):
    bladen = {"Instructie": [["Vul alles in"]], **compleet_werkplan(), "Kladblad": [["Functie", "Fte"], ["x", 1]]}
    werkplan = _lees(tmp_path, bladen)
    assert "Instructie" not in werkplan.bladen.values() and "Kladblad" not in werkplan.bladen.values()
    assert len(werkplan.blok_a) == 2
    assert werkplan.meldingen == []


def test_twee_bladen_voor_hetzelfde_contractblad(tmp_path):
    werkplan = _lees(
        tmp_path,
        {
            "Uren": [["Onderdeel", "Uren"], ["Blok A", 100]],
            "Urenoverzicht": [["Onderdeel", "Uren"], ["Blok A", 999]],
        },
    )
    assert werkplan.bladen == {"Uren": "Uren"}
    assert [r.uren.waarde for r in werkplan.uren] == [100]
    assert _meldingen(werkplan) == [("Urenoverzicht", None, 'dit blad is niet gelezen: blad "Uren" is al gelezen als Uren')]


def test_ontbrekend_blad_is_geen_fout_van_de_importeur(tmp_path):
    werkplan = _lees(tmp_path, {"Uren": [["Onderdeel", "Uren"], ["Blok A", 100]]})
    assert werkplan.blok_a == [] and werkplan.producten == [] and werkplan.algemeen.organisatie is None
    assert "Blok A" not in werkplan.bladen
    assert werkplan.meldingen == []


# --- headers ---


@pytest.mark.parametrize(
    ("blad", "kop", "veld", "waarde"),
    [
        ("Blok A", "FTE", "fte", 1.0),
        ("Blok A", "Formatie (fte)", "fte", 1.0),
        ("Blok A", "  fte: ", "fte", 1.0),
        ("Blok A", "Fte*", "fte", 1.0),
        ("Blok A", "Opmerking", "toelichting", "1"),
        ("Randvoorwaarden", "Akkoord (ja/nee)", "akkoord", True),
        ("Randvoorwaarden", "AKKOORD?", "akkoord", True),
        ("Kengetallen", "Streefwaarde", "waarde", 1.0),
        ("Kengetallen", "Kengetal", "omschrijving", "1"),
        ("Producten", "Opleverdatum", "oplevering", Kwartaal(jaar=2020, kwartaal=1)),
        ("Deelopdrachten", "Opdracht/taak", "uitwerking", "1"),
        ("Deelopdrachten", "Résultaatmeting", "resultaatmeting", "1"),
        ("Uren", "Aantal uren", "uren", 1.0),
        ("Begroting", "Bedrag (€)", "bedrag", 1.0),
    ],
)
def test_kop_en_synoniemen(tmp_path, blad, kop, veld, waarde):
    tabel = next(t for t in TABLES if t.sheet == blad)
    # the minimum header row for this sheet, with the tested header replacing its own
    koppen = {c.field: c.names[0] for c in tabel.columns if any(c.field in groep for groep in tabel.required)}
    koppen[veld] = kop
    invul = {"akkoord": "ja", "oplevering": "Q1 2020", "nr": 1, "code": "C", "onderdeel": "Blok A", "post": "P"}
    rij = [invul.get(v, 1) for v in koppen]
    werkplan = _lees(tmp_path, {blad: [list(koppen.values()), rij]})
    [gelezen] = getattr(werkplan, tabel.attribute)
    w = getattr(gelezen, veld)
    assert w.waarde == waarde
    kolom = "ABCDEFG"[list(koppen).index(veld)]
    assert w.plek == Plek(blad=blad, cel=f"{kolom}2", kolom=kop.strip())
    assert werkplan.meldingen == []


def test_kopregel_onder_titel_en_instructie(tmp_path):
    werkplan = _lees(
        tmp_path,
        {
            "Uren": [
                ["Urenoverzicht 2020"],
                [],
                ["Vul per onderdeel de uren in.", "Uren zijn hele uren."],
                ["Onderdeel", "Toelichting"],  # not the header: Uren is missing
                ["Instelling", "Onderdeel", "Uren vorig jaar", "Uren"],
                ["Welzijn", "Blok A", 90, 100],
            ]
        },
    )
    [rij] = werkplan.uren
    assert (rij.rij, rij.onderdeel.waarde, rij.uren.waarde, rij.uren_vorig_jaar.waarde, rij.instelling.waarde) == (
        6, "A", 100, 90, "Welzijn",
    )  # fmt: skip
    assert rij.uren.plek == Plek(blad="Uren", cel="D6", kolom="Uren")


def test_kopregel_na_rij_10_wordt_niet_gevonden(tmp_path):
    werkplan = _lees(tmp_path, {"Randvoorwaarden": [[f"uitleg {i}"] for i in range(10)] + [["Code", "Akkoord"], ["RV-NORMEN", "ja"]]})
    assert werkplan.randvoorwaarden == []
    assert werkplan.bladen == {"Randvoorwaarden": "Randvoorwaarden"}
    assert _meldingen(werkplan) == [
        (
            "Randvoorwaarden",
            None,
            "geen kopregel gevonden in de eerste rijen; verwacht de kolommen Akkoord en Code of Randvoorwaarde",
        )
    ]


def test_kolommen_in_willekeurige_volgorde_en_extra_kolommen(tmp_path):
    werkplan = _lees(
        tmp_path,
        {"Kengetallen": [["Opmerking intern", "Waarde", "Eenheid", "Code"], ["niet lezen", 4, "dagen per week", "cjg-digitaal"]]},
    )
    [rij] = werkplan.kengetallen
    assert (rij.code.waarde, rij.waarde.waarde, rij.eenheid.waarde) == ("CJG-DIGITAAL", 4, "dagen per week")
    assert rij.code.plek == Plek(blad="Kengetallen", cel="D2", kolom="Code")
    assert rij.toelichting is None


def test_lege_rijen_worden_overgeslagen(tmp_path):
    werkplan = _lees(
        tmp_path,
        {"Uren": [["Onderdeel", "Uren"], [], ["Blok A", 10], [None, None, "buiten de tabel"], ["  ", None], ["3", 5]]},
    )
    assert [(r.rij, r.onderdeel.waarde) for r in werkplan.uren] == [(3, "A"), (6, "3")]


# --- Algemeen ---


def test_algemeen_zonder_kopregel(tmp_path):
    werkplan = _lees(
        tmp_path,
        {
            "Algemeen": [
                ["Werkplan 2020"],
                ["Organisatie:", "  Welzijn De Meierij "],
                ["subsidiejaar", "2020"],
                ["Indieningsdatum", "15 oktober 2019"],
                ["Contactpersonen", "Jan Jansen; Piet Pietersen"],
                ["Reikwijdte", "1-3; 7"],
                ["Onbekend veld", "genegeerd"],
            ]
        },
    )
    algemeen = werkplan.algemeen
    assert algemeen.organisatie.waarde == "Welzijn De Meierij"
    assert algemeen.organisatie.plek == Plek(blad="Algemeen", cel="B2", kolom=None)
    assert (algemeen.subsidiejaar.waarde, algemeen.subsidiejaar.ruw) == (2020, "2020")
    assert (algemeen.indieningsdatum.waarde, algemeen.indieningsdatum.ruw) == (date(2019, 10, 15), "15 oktober 2019")
    assert algemeen.aanspreekpunt.waarde == ["Jan Jansen", "Piet Pietersen"]
    assert algemeen.reikwijdte.waarde == [1, 2, 3, 7]
    assert algemeen.reikwijdte.plek.cel == "B6"
    assert algemeen.opdracht is None
    assert werkplan.meldingen == []


def test_algemeen_met_kopregel_op_andere_plek(tmp_path):
    werkplan = _lees(
        tmp_path,
        {"Algemeen": [["Algemene gegevens"], [None, "Gegeven", "Invulling"], [None, "Jaar", 2021], [None, "Reikwijdte", 7]]},
    )
    assert werkplan.algemeen.subsidiejaar.plek == Plek(blad="Algemeen", cel="C3", kolom="Invulling")
    assert werkplan.algemeen.subsidiejaar.waarde == 2021
    assert werkplan.algemeen.reikwijdte.waarde == [7]


def test_algemeen_onleesbaar_en_dubbel(tmp_path):
    werkplan = _lees(
        tmp_path,
        {
            "Algemeen": [
                ["Subsidiejaar", "twintig twintig"],
                ["Indieningsdatum", "morgen"],
                ["Reikwijdte", "alles behalve 3"],
                ["Organisatie", "Welzijn"],
                ["Organisatie", "Farent"],
            ]
        },
    )
    assert werkplan.algemeen.subsidiejaar is None and werkplan.algemeen.indieningsdatum is None
    assert werkplan.algemeen.organisatie.waarde == "Welzijn"
    assert _meldingen(werkplan) == [
        ("Algemeen", "B1", '"twintig twintig" is geen getal'),
        ("Algemeen", "B2", '"morgen" is geen datum'),
        ("Algemeen", "B3", '"alles behalve 3" is geen reikwijdte; schrijf "volledig" of deelopdrachtnummers, bijv. "1, 2, 7"'),
        ("Algemeen", "B5", "Organisatie staat er twee keer; de waarde in B4 is gebruikt"),
    ]


def test_algemeen_veldnamen_zijn_uniek():
    namen = [header_key(naam) for kolom in ALGEMEEN_FIELDS for naam in kolom.names]
    assert len(namen) == len(set(namen))


@pytest.mark.parametrize("tabel", TABLES, ids=lambda t: t.sheet)
def test_synoniemtabel_is_eenduidig(tabel):
    koppen = [header_key(naam) for kolom in tabel.columns for naam in kolom.names]
    assert len(koppen) == len(set(koppen))
    assert tabel.sheet_names[0] == tabel.sheet
    velden = {kolom.field for kolom in tabel.columns}
    assert all(set(groep) <= velden for groep in tabel.required)


def test_bladnamen_zijn_eenduidig():
    namen = [header_key(naam) for tabel in TABLES for naam in tabel.sheet_names]
    assert len(namen) == len(set(namen))


# --- Blok A ---


def test_blok_a_prestatie_inhoud(tmp_path):
    werkplan = _lees(
        tmp_path,
        {
            "Formatie": [
                ["Functie", "Formatie (fte)", "Opleiding", "Activiteiten", "Streefwaarde", "Aantal"],
                ["Opbouwwerker", 1, "hbo", "buurtavonden", None, 12],
                ["Jongerenwerker", 0.5, "mbo", None, None, None],
                [None, None, None, None, "80% tevreden", None],
            ]
        },
    )
    eerste, tweede, derde = werkplan.blok_a
    assert [(w.waarde, w.plek) for w in eerste.prestatie_inhoud] == [
        ("buurtavonden", Plek(blad="Formatie", cel="D2", kolom="Activiteiten")),
        ("12", Plek(blad="Formatie", cel="F2", kolom="Aantal")),
    ]
    assert tweede.prestatie_inhoud == []
    # a row with only prestatie content still counts, so the rules see it
    assert (derde.rij, derde.functie, [w.waarde for w in derde.prestatie_inhoud]) == (4, None, ["80% tevreden"])
    assert eerste.kwalificatie.plek.kolom == "Opleiding"


# --- numbers, dates, quarters, yes/no in their sheets ---


def test_onleesbare_cellen_geven_meldingen_en_de_rest_wordt_gelezen(tmp_path):
    werkplan = _lees(
        tmp_path,
        {
            "Algemeen": [["Subsidiejaar", 2020]],
            "Blok A": [["Functie", "Fte", "Kwalificatie"], ["Opbouwwerker", "vijf", "hbo"]],
            "Randvoorwaarden": [["Code", "Akkoord"], ["RV-NORMEN", "misschien"], ["RV-SCHOLING", "ja"]],
            "Producten": [["Code", "Oplevering", "Deelopdracht"], ["TRENDRAPPORTAGE", "Q5", "twee"], ["X", "morgen", 2]],
        },
    )
    assert werkplan.blok_a[0].fte is None and werkplan.blok_a[0].kwalificatie.waarde == "hbo"
    assert [r.akkoord.waarde if r.akkoord else None for r in werkplan.randvoorwaarden] == [None, True]
    assert [r.oplevering for r in werkplan.producten] == [None, None]
    assert werkplan.producten[1].deelopdracht.waarde == 2
    assert _meldingen(werkplan) == [
        ("Blok A", "B2", '"vijf" is geen getal'),
        ("Randvoorwaarden", "B2", '"misschien" is geen ja of nee'),
        ("Producten", "B2", '"Q5" is geen kwartaal'),
        ("Producten", "C2", '"twee" is geen deelopdrachtnummer'),
        ("Producten", "B3", '"morgen" is geen kwartaal'),
    ]
    assert all(m.bestand == werkplan.bestand for m in werkplan.meldingen)


@pytest.mark.parametrize(
    ("tekst", "getal"),
    [("1,5", 1.5), ("1.5", 1.5), ("1.234,50", 1234.5), ("€ 12.500", 12500), ("60%", 60), ("60 %", 60), (7, 7)],
)
def test_getallen_in_cellen(tmp_path, tekst, getal):
    werkplan = _lees(tmp_path, {"Begroting": [["Post", "Bedrag"], ["Personeel", tekst]]})
    bedrag = werkplan.begroting[0].bedrag
    assert bedrag.waarde == getal
    assert bedrag.ruw == (tekst if isinstance(tekst, str) else None)


@pytest.mark.parametrize("tekst", ["15-10-2019", "15-10-19", "2019-10-15", "15 oktober 2019", "15 okt 2019", date(2019, 10, 15)])
def test_datums_in_cellen(tmp_path, tekst):
    werkplan = _lees(tmp_path, {"Algemeen": [["Indieningsdatum", tekst]]})
    assert werkplan.algemeen.indieningsdatum.waarde == date(2019, 10, 15)


@pytest.mark.parametrize(
    ("tekst", "kwartaal"),
    [
        ("Q1", Kwartaal(jaar=2020, kwartaal=1)),
        ("Q1 2021", Kwartaal(jaar=2021, kwartaal=1)),
        ("2021-Q2", Kwartaal(jaar=2021, kwartaal=2)),
        ("2021 Q3", Kwartaal(jaar=2021, kwartaal=3)),
        ("K1", Kwartaal(jaar=2020, kwartaal=1)),
        ("K4 2021", Kwartaal(jaar=2021, kwartaal=4)),
        ("1e kwartaal 2021", Kwartaal(jaar=2021, kwartaal=1)),
        ("eerste kwartaal", Kwartaal(jaar=2020, kwartaal=1)),
        ("kwartaal 2", Kwartaal(jaar=2020, kwartaal=2)),
        ("15-10-2019", Kwartaal(jaar=2019, kwartaal=4, datum=date(2019, 10, 15))),
        (date(2020, 5, 1), Kwartaal(jaar=2020, kwartaal=2, datum=date(2020, 5, 1))),
    ],
)
def test_kwartalen_zonder_jaar_horen_bij_het_subsidiejaar(tmp_path, tekst, kwartaal):
    # Producten comes first in the workbook; Algemeen is read first all the same
    werkplan = _lees(
        tmp_path,
        {"Planning": [["Product", "Oplevering"], ["trendrapportage", tekst]], "Algemeen": [["Subsidiejaar", 2020]]},
    )
    assert werkplan.producten[0].oplevering.waarde == kwartaal
    assert werkplan.producten[0].oplevering.plek == Plek(blad="Planning", cel="B2", kolom="Oplevering")


def test_kwartaal_zonder_jaar_en_zonder_subsidiejaar(tmp_path):
    werkplan = _lees(tmp_path, {"Producten": [["Product", "Oplevering"], ["trendrapportage", "Q1"]]})
    assert werkplan.producten[0].oplevering is None
    assert _meldingen(werkplan) == [("Producten", "B2", '"Q1" noemt geen jaar en het Subsidiejaar ontbreekt')]


def test_ja_en_nee_in_randvoorwaarden(tmp_path):
    waarden = ["ja", "Nee", "j", "n", "x", "Akkoord", "✓", "true", "FALSE", True, False, "yes", "no", "niet akkoord"]
    werkplan = _lees(tmp_path, {"Randvoorwaarden": [["Randvoorwaarde", "Akkoord"], *[[f"rv {i}", w] for i, w in enumerate(waarden)]]})
    assert [r.akkoord.waarde for r in werkplan.randvoorwaarden] == [
        True, False, True, False, True, True, True, True, False, True, False, True, False, False,
    ]  # fmt: skip


def test_lijsten_in_een_cel(tmp_path):
    werkplan = _lees(
        tmp_path,
        {"Deelopdrachten": [["Nr", "Uitwerking", "Instelling"], [1, "x", "Welzijn; Farent"], [2, "x", "Welzijn, Farent"], [3, "x", "Welzijn\nFarent"]]},
    )
    assert [r.instelling.waarde for r in werkplan.deelopdrachten] == [["Welzijn", "Farent"]] * 3
    assert werkplan.deelopdrachten[2].instelling.ruw == "Welzijn\nFarent"


# --- Kengetallen ---


def test_kengetal_waarde(tmp_path):
    werkplan = _lees(
        tmp_path,
        {
            "Kengetallen": [
                ["Code", "Omschrijving", "Waarde", "Eenheid"],
                ["CJG-TELEFONISCH", "telefonisch", "5", "dagen per week"],
                ["CJG-DIGITAAL", "digitaal", "vijf", "dagen per week"],
                ["CJG-FYSIEK-LOCATIES", "waar", "Veghel", "tekst"],
                ["CJG-FYSIEK", "fysiek", "4 à 5", None],
                ["TEVREDEN", "tevredenheid", "80%", "%"],
                ["LEEG", "nog niet ingevuld", None, "dagen per week"],
            ]
        },
    )
    waarden = [(r.waarde.waarde if r.waarde else None) for r in werkplan.kengetallen]
    assert waarden == [5.0, "vijf", "Veghel", "4 à 5", 80.0, None]
    assert werkplan.kengetallen[1].waarde.plek == Plek(blad="Kengetallen", cel="C3", kolom="Waarde")
    assert _meldingen(werkplan) == [("Kengetallen", "C3", '"vijf" is geen getal')]
    assert str(werkplan.meldingen[0]).endswith('blad Kengetallen!C3: "vijf" is geen getal')


# --- Deelopdrachten, Uren, Begroting, codes ---


def test_deelopdrachtnummers(tmp_path):
    nummers = [3, "4", "5.", "Deelopdracht 6", "7. Jongerenwerk", "nul"]
    werkplan = _lees(tmp_path, {"Deelopdrachten": [["Nr", "Deelopdracht"], *[[n, "naam"] for n in nummers]]})
    assert [r.nr.waarde if r.nr else None for r in werkplan.deelopdrachten] == [3, 4, 5, 6, 7, None]
    assert werkplan.deelopdrachten[4].nr.ruw == "7. Jongerenwerk"
    assert _meldingen(werkplan) == [("Deelopdrachten", "A7", '"nul" is geen deelopdrachtnummer')]


def test_uren_onderdelen_en_totaal(tmp_path):
    werkplan = _lees(
        tmp_path,
        {
            "Urenoverzicht": [
                ["Onderdeel", "Uren", "Uren vorig jaar"],
                ["Blok A", "1.200", 1100],
                ["blok a", 1, None],
                [3, 10, None],
                ["Deelopdracht 4", 10, None],
                ["5. Jongerenwerk", 10, None],
                ["Overhead", 10, None],
                ["Totaal blok B", 40, None],
                [" TOTAAL ", "€ 1.240,00", 1100],
            ]
        },
    )
    assert [(r.onderdeel.waarde, r.is_totaal) for r in werkplan.uren] == [
        ("A", False), ("A", False), ("3", False), ("4", False), ("5", False),
        ("Overhead", False), ("Totaal blok B", True), ("TOTAAL", True),
    ]  # fmt: skip
    assert werkplan.uren[0].uren.waarde == 1200
    assert werkplan.uren[-1].uren.waarde == 1240
    assert werkplan.uren[3].onderdeel.ruw == "Deelopdracht 4"


def test_begroting_totaal(tmp_path):
    werkplan = _lees(
        tmp_path,
        {"Financieel overzicht": [["Post", "Bedrag", "Bedrag vorig jaar"], ["Personeel", 100, 90], ["Totaal kosten", 100, "€ 90,-"]]},
    )
    assert [(r.post.waarde, r.is_totaal, r.bedrag_vorig_jaar.waarde) for r in werkplan.begroting] == [
        ("Personeel", False, 90),
        ("Totaal kosten", True, 90),
    ]


def test_codes(tmp_path):
    werkplan = _lees(
        tmp_path,
        {"Randvoorwaarden": [["Code", "Randvoorwaarde", "Akkoord"], [" rv-normen ", "normen", "ja"], [None, "vervanging bij ziekte", "ja"]]},
    )
    eerste, tweede = werkplan.randvoorwaarden
    assert (eerste.code.waarde, eerste.code.ruw) == ("RV-NORMEN", " rv-normen ")
    assert tweede.code is None and tweede.randvoorwaarde.waarde == "vervanging bij ziekte"


def test_melding_noemt_bestand_blad_en_cel(tmp_path):
    pad = maak_werkboek(tmp_path, {"Kengetallen": [["Code", "Waarde", "Eenheid"], *[["X", 1, "dag"]] * 5, ["Y", "vijf", "dag"]]})
    [melding] = lees_werkplan(pad).meldingen
    assert melding == Melding(bestand=str(pad), blad="Kengetallen", cel="B7", tekst='"vijf" is geen getal')
    assert str(melding) == f'{pad}, blad Kengetallen!B7: "vijf" is geen getal'
