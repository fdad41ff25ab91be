"""From a toetsingsrapport to the aanvullingsverzoek: the letter in which the gemeente asks the
organisation to complete its aanvraag before a date (Awb art. 4:5), which also suspends the
beslistermijn (art. 4:15). Every sentence of the letter is made here, in plain Dutch.

Only findings that are ontbreekt or afwijkend are in it, by their eindstatus: with the officer's
beoordelingsformulier merged, a demand the officer judged voldaan is left out, one the officer
found lacking is in it with the officer's motivering (also a niet_toetsbaar demand). What to
supply follows from the finding (what was seen, which cells) and from its rule (`wat`).
"""
from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

from toetsing.aanvulling.model import Aanvullingsverzoek, Groep, Onderdeel, Punt, Tekstblok
from toetsing.aanvulling.termijn import MAANDEN, Termijn, bereken, dag_nl, datum_nl
from toetsing.bevindingen import Bevinding, HandmatigeEis, Rapport
from toetsing.fouten import ToetsingFout
from toetsing.lezen.invoer import Invoer
from toetsing.regels.model import Regelset, Status
from toetsing.werkplan.model import Werkplan

SJABLOON = "brief.docx"  # the gemeente's letterhead, beside regelset.yaml
OPEN = (Status.ontbreekt, Status.afwijkend)
BEOORDEELD = "Eisen die de medewerker heeft beoordeeld"


def maak_aanvulling(pad: Path | Invoer, opdracht: str | None, datum: date, dagen: int | None = None,
                    uiterlijk: date | None = None,
                    beoordeling: Invoer | None = None) -> tuple[Aanvullingsverzoek | None, bytes | None]:
    """The letter for one werkplan (a path, or its bytes as the web page has them) and the
    gemeente's Word template (None: there is none), following the officer's filled
    beoordelingsformulier when given. No letter (None) when every demand is voldaan: there
    is nothing to ask."""
    return brief_voor(*toets_voor_brief(pad, opdracht, beoordeling), datum, dagen, uiterlijk)


def toets_voor_brief(pad: Path | Invoer, opdracht: str | None,
                     beoordeling: Invoer | None = None) -> tuple[Werkplan, Rapport]:
    """The werkplan and its report, with the officer's filled beoordelingsformulier merged when given."""
    from toetsing.beoordeling.samenvoegen import met_beoordeling
    from toetsing.dienst import lees_en_toets, lees_invoer

    werkplan, rapport = lees_en_toets(pad if isinstance(pad, Invoer) else lees_invoer(pad), opdracht)
    return werkplan, met_beoordeling(rapport, beoordeling) if beoordeling else rapport


def brief_voor(werkplan: Werkplan, rapport: Rapport, datum: date, dagen: int | None = None,
               uiterlijk: date | None = None) -> tuple[Aanvullingsverzoek | None, bytes | None]:
    from toetsing.dienst import engine_voor

    if not any(b.eindstatus in OPEN for b in rapport.bevindingen) and not _handmatig_open(rapport):
        return None, None
    regelset = engine_voor(rapport.opdracht, rapport.stuk).regelset  # the rules it was judged by, loaded once
    termijn = kies_termijn(datum, dagen, uiterlijk, regelset.brief.aangewezen_dagen)
    aanspreekpunt = werkplan.algemeen.aanspreekpunt
    sjabloon = briefsjabloon(regelset)
    verzoek = maak_verzoek(rapport, regelset, termijn, datum, aanspreekpunt.waarde if aanspreekpunt else [],
                           briefhoofd=sjabloon is None)
    return verzoek, sjabloon


def kies_termijn(datum: date, dagen: int | None, uiterlijk: date | None, aangewezen: list[date]) -> Termijn:
    if uiterlijk is None:
        return bereken(datum, 14 if dagen is None else dagen, aangewezen)
    if dagen is not None:
        raise ToetsingFout("Geef een termijn in dagen (--termijn) of een datum (--uiterlijk), niet allebei.")
    if uiterlijk <= datum:
        raise ToetsingFout(f"--uiterlijk {uiterlijk.isoformat()} ligt niet na de datum van de brief "
                           f"({datum.isoformat()}). Kies een latere datum.")
    return Termijn(uiterlijk=uiterlijk)


def briefsjabloon(regelset: Regelset, map_: Path | None = None) -> bytes | None:
    """The gemeente's Word template: brief.docx in the rule set's folder, or in the folder of the
    rule set it succeeds (a successor inherits the letter, as it inherits the texts)."""
    from docx import Document

    from toetsing.regels.laden import laad_regelset, standaard_map

    while regelset:
        pad = (map_ or standaard_map()) / regelset.id / SJABLOON
        if pad.is_file():
            inhoud = pad.read_bytes()
            try:
                Document(io.BytesIO(inhoud))
            except Exception:  # python-docx raises many kinds for a file that is not a Word document
                raise ToetsingFout(f"{pad}: dit is geen Word-document (.docx) dat toetsing kan openen. Sla het "
                                   "briefpapier in Word op als 'Word-document (.docx)', of haal het bestand weg.") from None
            return inhoud
        regelset = laad_regelset(regelset.opvolger_van, map_) if regelset.opvolger_van else None
    return None


def maak_verzoek(rapport: Rapport, regelset: Regelset, termijn: Termijn, datum: date, aanspreekpunt: list[str],
                 briefhoofd: bool = True) -> Aanvullingsverzoek:
    from toetsing.rapport.weergave import groepen

    brief = regelset.brief
    vul = lambda tekst: tekst.format(gemeente=regelset.gemeente)  # noqa: E731
    open_ = rapport.model_copy(update={"bevindingen": [b for b in rapport.bevindingen if b.eindstatus in OPEN]})
    handmatig = _handmatig_open(rapport)
    punten = len(open_.bevindingen) + len(handmatig)
    onderwerp = f"Verzoek om aanvulling subsidieaanvraag {regelset.subsidiejaar}"
    werkplan = Path(rapport.werkplan).name
    return Aanvullingsverzoek(
        gemeente=regelset.gemeente, opdracht=regelset.id,
        briefhoofd=[vul(r) for r in brief.afzender] if briefhoofd else [],
        aan=[rapport.organisatie or "De indiener van het werkplan",
             *([f"t.a.v. {' en '.join(aanspreekpunt)}"] if aanspreekpunt else [])],
        datum=datum,
        kenmerken=[("Datum", datum_nl(datum)), ("Onderwerp", onderwerp), ("Uw werkplan", werkplan)],
        onderwerp=onderwerp, aanhef=vul(brief.aanhef),
        inleiding=[Tekstblok(alineas=[
            f"U heeft een subsidieaanvraag voor {regelset.subsidiejaar} ingediend, met een werkplan. Wij hebben "
            f"uw werkplan vergeleken met de opdracht van de gemeente ({rapport.opdracht_titel}). Uw werkplan is "
            "nog niet compleet: er ontbreken gegevens, of gegevens wijken af van wat de opdracht vraagt. Daarom "
            "kunnen wij uw aanvraag nog niet beoordelen.",
            "Wij vragen u uw aanvraag aan te vullen. Hieronder staat per onderdeel wat ontbreekt of afwijkt, "
            "waar dat in het werkplan staat, wat de opdracht daarover zegt en wat wij van u vragen. "
            + ("Het gaat om 1 punt." if punten == 1 else f"Het gaat om {punten} punten."),
        ])],
        groepen=[*(Groep(naam=naam, punten=[_punt(b, regelset) for b in lijst]) for naam, lijst in groepen(open_)),
                 *([Groep(naam=BEOORDEELD, punten=list(map(_handmatig_punt, handmatig)))] if handmatig else [])],
        vervolg=_vervolg(datum, termijn, vul(brief.contact)),
        slot=vul(brief.slot), ondertekening=[vul(r) for r in brief.ondertekening],
        termijn=termijn, werkplan=werkplan,
        werkplan_sha256=rapport.ontvangst.bestand_sha256 if rapport.ontvangst else "",
        beoordeling=rapport.ontvangst.beoordeling_bestand or "" if rapport.ontvangst else "",
        beoordeling_sha256=rapport.ontvangst.beoordeling_sha256 or "" if rapport.ontvangst else "",
    )


def let_op(rapport: Rapport) -> list[str]:
    """What the officer should know before sending the letter made with a beoordelingsformulier:
    rows of the form that were not applied, stale judgements, demands still to be judged."""
    from toetsing.rapport.weergave import melding
    from toetsing.tekst import aantal

    if not (rapport.ontvangst and rapport.ontvangst.beoordeling_bestand):
        return []
    zinnen = [melding(m) for m in rapport.meldingen if m.bestand == rapport.ontvangst.beoordeling_bestand]
    zinnen += [f"Het oordeel over {b.regel} is niet toegepast: {b.beoordeling.reden} In de brief staat de uitkomst "
               f"van de toetsing ({b.status.value})." for b in rapport.bevindingen if b.beoordeling and not b.beoordeling.geldt]
    if rapport.te_beoordelen:
        zinnen.append(f"U moet nog {aantal(len(rapport.te_beoordelen), 'eis', 'eisen')} beoordelen: "
                      f"{', '.join(e.id for e in rapport.te_beoordelen)}. Wat u daarvan niet in orde vindt, staat "
                      "nog niet in de brief.")
    return zinnen


def _handmatig_open(rapport: Rapport) -> list[HandmatigeEis]:
    return [e for e in rapport.handmatig if e.eindstatus in {s.value for s in OPEN}]


def _punt(b: Bevinding, regelset: Regelset) -> Punt:
    cellen = list(dict.fromkeys(d.cel for d in b.details)) or b.bewijs
    waar = []
    for cel in cellen:
        details = [d for d in b.details if d.cel == cel]
        kolom = next((f" (kolom {d.kolom})" for d in details if d.kolom), "")
        gevonden = details[0].gevonden if details else ""
        verwacht = " of ".join(dict.fromkeys(d.verwacht for d in details if d.verwacht))
        waar.append(f"{cel}{kolom}: " + (f"hier staat „{gevonden}”." if gevonden else "hier staat niets.")
                    + (f" Gevraagd: {verwacht}." if verwacht else ""))
    wat = regelset.regel(b.regel).wat.strip()
    if b.eindstatus == Status.ontbreekt:
        gevraagd = "Vul het werkplan aan."
    elif cellen:
        gevraagd = f"Pas {'cel ' + cellen[0] if len(cellen) == 1 else 'de cellen ' + _en(cellen)} aan."
    else:
        gevraagd = "Pas het werkplan aan."
    status = b.eindstatus
    # the officer's motivering is what was seen; the program's sentence only where both agree
    gezien = [b.toelichting] if status == b.status else []
    if b.beoordeling and b.beoordeling.geldt and b.beoordeling.motivering:
        gezien.append(b.beoordeling.motivering)
    return Punt(
        regel=b.regel, status=status, cellen=cellen,
        kop=f"{_kop(status)}: {b.titel}",
        onderdelen=[
            Onderdeel(kop="Wat wij zagen", regels=gezien or [b.toelichting]),
            Onderdeel(kop="Waar in het werkplan", regels=waar or ["In het werkplan staat hier niets over."]),
            Onderdeel(kop="Wat de opdracht zegt", regels=[f"{b.bron}: „{b.citaat}”"]),
            Onderdeel(kop="Wat wij van u vragen", regels=[f"{gevraagd} Daarna moet dit kloppen: {wat}"]),
        ],
    )


def _handmatig_punt(eis: HandmatigeEis) -> Punt:
    """A niet_toetsbaar demand the officer found lacking: the officer's motivering says what is missing."""
    status = Status(eis.eindstatus)
    return Punt(
        regel=eis.id, status=status, kop=f"{_kop(status)}: {eis.eis}",
        onderdelen=[
            Onderdeel(kop="Wat wij zagen", regels=[eis.beoordeling.motivering or "Dit is bij de beoordeling niet in "
                                                                                 "orde bevonden."]),
            Onderdeel(kop="Wat de opdracht zegt", regels=[eis.bron]),
            Onderdeel(kop="Wat wij van u vragen", regels=[f"Vul het werkplan aan. Daarna moet dit kloppen: {eis.eis}"]),
        ],
    )


def _kop(status: Status) -> str:
    return "Ontbreekt" if status == Status.ontbreekt else "Wijkt af"


def _en(dingen: list[str]) -> str:
    return dingen[0] if len(dingen) == 1 else f"{', '.join(dingen[:-1])} en {dingen[-1]}"


def _vervolg(datum: date, termijn: Termijn, contact: str) -> list[Tekstblok]:
    einde = dag_nl(termijn.uiterlijk)
    return [
        Tekstblok(kop="Wat moet u doen?", alineas=[
            f"Stuur ons de aanvulling uiterlijk op {einde}. U mag ook een nieuwe versie van het werkplan "
            "sturen, waarin alle punten zijn verwerkt.",
            _hoe_berekend(termijn),
        ]),
        Tekstblok(kop="Wat gebeurt er als u niet op tijd reageert?", alineas=[
            f"Heeft u de aanvulling niet uiterlijk op {einde} gestuurd? Of ontbreekt er dan nog iets? Dan kunnen "
            "wij besluiten uw aanvraag niet te behandelen. Dat staat in artikel 4:5 van de Algemene wet "
            "bestuursrecht.",
        ]),
        Tekstblok(kop="Wat betekent dit voor de beslistermijn?", alineas=[
            "Wij moeten binnen een vaste tijd over uw aanvraag beslissen. Die tijd heet de beslistermijn. "
            f"Vanaf {datum_nl(datum + timedelta(days=1))} staat de beslistermijn stil. Hij loopt weer door op "
            "de dag waarop wij uw aanvulling hebben ontvangen. Stuurt u niets, dan loopt hij weer door na "
            f"{datum_nl(termijn.uiterlijk)}. Dat staat in artikel 4:15 van de Algemene wet bestuursrecht.",
        ]),
        Tekstblok(alineas=[contact]),
    ]


def _hoe_berekend(termijn: Termijn) -> str:
    """The letter says how its date came about: set by hand, or counted (and moved past which days)."""
    if termijn.dagen is None:
        return "Deze datum hebben wij zelf vastgesteld; hij is niet berekend met een aantal dagen."
    tekst = f"U heeft daarvoor {termijn.dagen} dagen, gerekend vanaf de datum van deze brief."
    if not termijn.overgeslagen:
        return tekst
    dagen = _en([f"{d.datum.day} {MAANDEN[d.datum.month - 1]} ({d.reden})" for d in termijn.overgeslagen])
    return (f"{tekst} Die {termijn.dagen} dagen eindigen op {dag_nl(termijn.berekend)}. Een termijn die eindigt "
            "op een zaterdag, een zondag of een feestdag, loopt door tot en met de eerstvolgende dag die dat niet "
            "is. Dat staat in artikel 1 van de Algemene termijnenwet. "
            + (f"Op deze dag kan de termijn niet eindigen: {dagen}." if len(termijn.overgeslagen) == 1
               else f"Op deze dagen kan de termijn niet eindigen: {dagen}.")
            + f" Daarom is uw laatste dag {dag_nl(termijn.uiterlijk)}.")
