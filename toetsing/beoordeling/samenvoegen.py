"""A filled beoordelingsformulier applied to a Rapport: each bevinding gets the officer's
`beoordeling` (its `eindstatus` follows it), the niet_toetsbaar demands are listed judged or
`te beoordelen`, and the receipt names the form with its sha256.

Nothing stale is applied: a judgement whose rule changed (fingerprint), or whose cells now
hold other values than when the form was made, is kept as `verouderd` with its reason, and
the program's outcome counts. A form made for another werkplan or rule set is refused."""
from __future__ import annotations

from pathlib import Path

from toetsing.beoordeling import EIS, cellen, cellen_sha256, regel_vingerafdruk, vingerafdruk
from toetsing.beoordeling.lezen import Beoordelingen, Invulling, Vastgelegd, lees_beoordelingen
from toetsing.bevindingen import Beoordeling, Bevinding, GezamenlijkRapport, HandmatigeEis, Rapport
from toetsing.fouten import ToetsingFout
from toetsing.lezen.invoer import Invoer
from toetsing.regels.model import Regelset
from toetsing.werkplan.model import Melding


def met_beoordeling(rapport: Rapport, formulier: Invoer) -> Rapport:
    """The report with the officer's judgements from the form (bytes as read by lees_invoer)."""
    return voeg_samen(rapport, lees_beoordelingen(formulier), _regelset(rapport))


def met_beoordelingen(samen: GezamenlijkRapport, formulieren: list[Invoer]) -> GezamenlijkRapport:
    """A joint toetsing with the officer's forms, one per werkplan: each form goes to the werkplan
    of its organisation (or, naming none, of its file name). A form for none of them, or a
    second form for one werkplan, is refused with a Dutch message."""
    werkplannen = list(samen.werkplannen)
    bij: dict[int, str] = {}
    for formulier in formulieren:
        beoordelingen = lees_beoordelingen(formulier)
        i = next((i for i, r in enumerate(werkplannen) if _van(r, beoordelingen)), None)
        if i is None:
            namen = ", ".join(f"{r.organisatie or Path(r.werkplan).name} ({Path(r.werkplan).name})" for r in samen.werkplannen)
            raise ToetsingFout(f"{beoordelingen.bestand}: dit beoordelingsformulier hoort bij het werkplan "
                               f"{beoordelingen.werkplan} (organisatie {beoordelingen.organisatie or '(niet ingevuld)'}), "
                               f"en dat wordt hier niet getoetst. Getoetst worden: {namen}.")
        if i in bij:
            raise ToetsingFout(f"{beoordelingen.bestand} en {bij[i]}: twee beoordelingsformulieren voor het werkplan "
                               f"{Path(werkplannen[i].werkplan).name}. Geef één formulier per werkplan.")
        bij[i] = beoordelingen.bestand
        werkplannen[i] = voeg_samen(werkplannen[i], beoordelingen, _regelset(werkplannen[i]))
    return samen.model_copy(update={"werkplannen": werkplannen})


def _regelset(rapport: Rapport) -> Regelset:
    """The rule set the report was made with, as compiled once per process (dienst.engine_voor)."""
    from toetsing.dienst import engine_voor

    return engine_voor(rapport.opdracht, rapport.stuk).regelset


def _van(rapport: Rapport, b: Beoordelingen) -> bool:
    """The form was made for this werkplan: the same organisation, or (naming none) the same file."""
    if b.organisatie or rapport.organisatie:
        return b.organisatie == (rapport.organisatie or "")
    return b.werkplan == (rapport.ontvangst.bestand if rapport.ontvangst else Path(rapport.werkplan).name)


def voeg_samen(rapport: Rapport, beoordelingen: Beoordelingen, regelset: Regelset) -> Rapport:
    _zelfde_stuk(rapport, beoordelingen)
    per_regel = {i.regel: i for i in beoordelingen.invullingen}
    meldingen = list(beoordelingen.meldingen)
    werkplan_gelijk = rapport.ontvangst is not None and rapport.ontvangst.bestand_sha256 == beoordelingen.werkplan_sha256

    bevindingen = []
    for b in rapport.bevindingen:
        invulling = per_regel.pop(b.regel, None)
        if invulling:
            redenen = _redenen_regel(b, beoordelingen.vastgelegd[b.regel], regel_vingerafdruk(regelset.regel(b.regel)),
                                     werkplan_gelijk)
            b = b.model_copy(update={"beoordeling": _beoordeling(invulling, redenen)})
        bevindingen.append(b)

    handmatig = []
    for eis in regelset.niet_toetsbaar:
        invulling = per_regel.pop(eis.id, None)
        beoordeling = None
        if invulling:
            vast = beoordelingen.vastgelegd[eis.id]
            redenen = [] if vast.vingerafdruk == vingerafdruk(eis) else [
                "De eis is in de regelset veranderd sinds het formulier is gemaakt."]
            beoordeling = _beoordeling(invulling, redenen)
        handmatig.append(HandmatigeEis(id=eis.id, eis=eis.eis, bron=eis.bron, beoordeling=beoordeling))

    for invulling in per_regel.values():  # judged on the form, gone from the rule set since
        soort = "eis" if beoordelingen.vastgelegd[invulling.regel].soort == EIS else "regel"
        blad, _, cel = invulling.cel.partition("!")
        meldingen.append(Melding(bestand=beoordelingen.bestand, blad=blad, cel=cel,
                                 tekst=f"De {soort} {invulling.regel} staat niet meer in de regelset "
                                       f"{regelset.id}. Dit oordeel is niet toegepast."))

    ontvangst = rapport.ontvangst and rapport.ontvangst.model_copy(
        update={"beoordeling_bestand": beoordelingen.bestand, "beoordeling_sha256": beoordelingen.sha256})
    return rapport.model_copy(update={"bevindingen": bevindingen, "handmatig": handmatig, "ontvangst": ontvangst,
                                      "meldingen": [*rapport.meldingen, *meldingen]})


def _zelfde_stuk(rapport: Rapport, b: Beoordelingen) -> None:
    """Another rule set, another kind of document or another werkplan: refused as a whole.
    A werkplan is "another" when it names another organisation (or, naming none, has another
    file name); the same werkplan changed is not refused: its stale judgements are."""
    nieuw = "Maak een nieuw formulier met: toetsing beoordeling " + Path(rapport.werkplan).name
    if b.regelset != rapport.opdracht:
        raise ToetsingFout(f"{b.bestand}: dit beoordelingsformulier hoort bij de opdracht {b.regelset}, maar het "
                           f"werkplan is getoetst aan {rapport.opdracht}. {nieuw}")
    if b.stuk != rapport.stuk:
        raise ToetsingFout(f"{b.bestand}: dit beoordelingsformulier hoort bij een {b.stuk}, niet bij een "
                           f"{rapport.stuk}. {nieuw}")
    organisatie = rapport.organisatie or ""
    bestand = rapport.ontvangst.bestand if rapport.ontvangst else Path(rapport.werkplan).name
    if not _van(rapport, b):
        raise ToetsingFout(f"{b.bestand}: dit beoordelingsformulier hoort bij een ander werkplan ({b.werkplan}, "
                           f"organisatie {b.organisatie or '(niet ingevuld)'}), niet bij {bestand} (organisatie "
                           f"{organisatie or '(niet ingevuld)'}). {nieuw}")


def _redenen_regel(b: Bevinding, vast: Vastgelegd, afdruk: str, werkplan_gelijk: bool) -> list[str]:
    redenen = []
    if vast.vingerafdruk != afdruk:
        redenen.append(f"De regel {b.regel} is veranderd sinds het formulier is gemaakt.")
    nu = cellen(b)
    if not werkplan_gelijk and cellen_sha256(nu) != vast.cellen_sha256:
        if vast.cellen is None:
            redenen.append("De cellen waarop de uitkomst rustte, zijn in het werkplan veranderd.")
        else:
            redenen.extend(_verschillen(vast.cellen, nu))
    if b.status.value != vast.uitkomst and not redenen:
        redenen.append(f"De uitkomst van de toetsing was {vast.uitkomst} en is nu {b.status.value}.")
    return redenen


def _verschillen(toen: dict[str, str], nu: dict[str, str]) -> list[str]:
    zinnen = []
    for cel in sorted(toen.keys() | nu.keys()):
        if cel not in nu:
            zinnen.append(f"{cel} hield '{toen[cel]}' en telt nu niet meer mee.")
        elif cel not in toen:
            zinnen.append(f"{cel} telt nu mee, met '{nu[cel]}'.")
        elif toen[cel] != nu[cel]:
            zinnen.append(f"{cel} was '{toen[cel]}' en is nu '{nu[cel]}'.")
    return zinnen


def _beoordeling(invulling: Invulling, redenen: list[str]) -> Beoordeling:
    return Beoordeling(oordeel=invulling.oordeel, motivering=invulling.motivering,
                       beoordelaar=invulling.beoordelaar, datum=invulling.datum, verouderd=bool(redenen),
                       reden=" ".join(redenen))
