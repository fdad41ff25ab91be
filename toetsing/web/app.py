"""`toetsing web`: the toetsing in the browser, for who does not use a terminal.

Four pages: Toetsen (upload one werkplan or several, see the toetsingsrapport, download
it), Verantwoording (a verantwoording against its werkplan), Sjabloon and Regels. The pages render the Rapport model like every other writer and
decide nothing; each download is made by a writer from toetsing/rapport/.

Nothing is kept. An upload is toetst from its bytes in memory (an `Invoer`, as every
toetsing is: toetsing/dienst.py), no file is written, and the downloads travel inside the
result page as data: links, so there is nothing to fetch later and nothing to clean up.
See docs/web.md.
"""
from __future__ import annotations

import asyncio
import base64
import binascii
import logging
import threading
import time
import traceback
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path, PureWindowsPath
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from uvicorn.protocols.http.h11_impl import H11Protocol

from toetsing import __version__
from toetsing.aanvulling import inhoud as brief
from toetsing.aanvulling.maak import maak_aanvulling
from toetsing.batch import (KOPPEN_VERANTWOORDING, SAMENVATTING, GeenWerkplan, Samenvatting, getoetst,
                            lijkt_verantwoording, niet_getoetst, verantwoording_koppen)
from toetsing.batch import Uitslag as Batchregel
from toetsing.beoordeling.formulier import maak_formulier
from toetsing.bevindingen import Rapport
from toetsing.dienst import Invoer, engine_voor, lees_en_toets, toets_gezamenlijk, toets_verantwoording_bestand, vorig_rapport
from toetsing.fouten import RegelFout, ToetsingFout
from toetsing.lezen.importeer import lees_werkplan
from toetsing.rapport import als_html, formaten
from toetsing.rapport.annoteren import annoteer, heeft_macros
from toetsing.rapport.samenvatting import oordeel, samenvatting_json, samenvatting_xlsx
from toetsing.regels.laden import beschikbare_regelsets, eigen_map, laad_regelset
from toetsing.sjabloon import maak_sjabloon
from toetsing.vergelijking import met_vergelijking

UPLOAD_GRENS = 20 * 1024 * 1024  # bytes per request, all werkplannen together
MAX_BESTANDEN = 20
# slow clients must not hold the server: a request's line and headers within KOP_TIJD
# seconds, never LEES_TIJD seconds of silence while its body is read, at most
# MAX_VERBINDINGEN connections at once (more get status 503), idle ones closed after KEEP_ALIVE
KOP_TIJD = 10
LEES_TIJD = 30
MAX_VERBINDINGEN = 16
KEEP_ALIVE = 5
# Chromium follows no URL longer than 2 MB, a data: link included
DATA_URL_GRENS = 2 * 1024 * 1024
XLSX = formaten.formaat("xlsx").mediatype
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KOPPEN = {
    "Content-Security-Policy": "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",  # a report names an organisation and its plans
}
MAP = Path(__file__).parent
log = logging.getLogger("toetsing.web")
# An Engine collects what fires on itself, so one toetsing at a time per process;
# more at once takes more worker processes (docs/web.md).
_EEN_TEGELIJK = threading.Lock()
_geladen = lru_cache(maxsize=None)(laad_regelset)


def _regelset(regelset_id: str):
    """The page uses the same own rule folder as the command line (--regels, TOETSING_REGELS)."""
    return _geladen(regelset_id, eigen_map())


class Invoerfout(ToetsingFout):
    """Bad input on a form, tied to the field it concerns."""

    def __init__(self, tekst: str, veld: str):
        super().__init__(tekst)
        self.veld = veld


class VerantwoordingAlsWerkplan(Invoerfout, GeenWerkplan):
    """A verantwoording chosen as werkplan: said at the field, or in a batch's summary line."""


class TeGroot(Exception):
    """The request body passed the upload limit."""


class TeTraag(Exception):
    """The request body stopped arriving for LEES_TIJD seconds."""


@dataclass(frozen=True)
class Download:
    tekst: str
    naam: str
    href: str  # a data: URL; empty when too long for a browser to follow


@dataclass(frozen=True)
class Overzichtsregel:
    """A file's line in the summary of a batch, with the number of its report on the page (0: none)."""

    regel: Batchregel
    nummer: int = 0


@dataclass(frozen=True)
class Uitslag:
    """One report on the result page with its downloads."""

    rapport: Rapport
    downloads: list[Download]
    macros: bool = False  # the werkplan had macros, which the annotated copy leaves out
    # for the form asking for the aanvullingsverzoek: the werkplan's bytes travel in the page (base64),
    # and the officer's beoordelingsformulier when one was merged
    werkplan: str = ""
    beoordeling: Invoer | None = None

    @property
    def beoordeling_base64(self) -> str:
        return base64.b64encode(self.beoordeling.inhoud).decode("ascii") if self.beoordeling else ""


def maak_app(upload_grens: int = UPLOAD_GRENS) -> FastAPI:
    app = FastAPI(title="toetsing", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.upload_mb = upload_grens // (1024 * 1024)
    app.add_middleware(_Uploadgrens, grens=upload_grens)
    app.add_middleware(_Bewaking)  # outermost: its headers are on every response
    app.mount("/static", StaticFiles(directory=MAP / "static"), name="static")

    @app.get("/", response_class=HTMLResponse)
    def toetsen_formulier(request: Request):
        return _pagina(request, "toetsen.html")

    @app.post("/toetsen", response_class=HTMLResponse)
    async def toetsen(request: Request):
        try:
            async with request.form(max_files=MAX_BESTANDEN, max_fields=5) as formulier:
                wijze = formulier.get("wijze") or "apart"
                # a form shown again after an error keeps what was chosen (files a browser cannot keep)
                request.state.gekozen = {"opdracht": formulier.get("opdracht"), "wijze": wijze}
                opdracht = _opdracht(formulier.get("opdracht"), verplicht=False)
                # each upload under its own name: every message names the file as uploaded
                invoeren = [Invoer(_bestandsnaam(f.filename), await f.read())
                            for f in formulier.getlist("werkplan") if isinstance(f, UploadFile) and f.filename]
                vorige = await _bestand(formulier.get("vorige"))
                beoordeling = await _bestand(formulier.get("beoordeling"))
        except HTTPException:  # Starlette's own, in English: too many files or a broken form
            raise Invoerfout(f"Het formulier kon niet worden gelezen. Kies hoogstens {MAX_BESTANDEN} werkplannen "
                             "en probeer het opnieuw.", "werkplan") from None
        if not invoeren:
            raise Invoerfout("Kies een werkplan: een Excel-bestand (.xlsx).", "werkplan")
        if wijze not in ("apart", "samen"):
            raise Invoerfout("Kies: elk werkplan apart toetsen, of samen als gezamenlijk werkplan.", "wijze")
        if vorige and len(invoeren) > 1:
            raise Invoerfout("Een vorige toetsing kunt u alleen vergelijken met één werkplan. Kies één werkplan, "
                             "of laat de vorige toetsing leeg.", "vorige")
        if beoordeling and len(invoeren) > 1:
            raise Invoerfout("Een beoordelingsformulier hoort bij één werkplan. Kies één werkplan, of laat het "
                             "beoordelingsformulier leeg.", "beoordeling")
        return _pagina(request, "uitslag.html",
                       **await run_in_threadpool(_toets, invoeren, opdracht, vorige, wijze == "samen", beoordeling))

    @app.get("/verantwoording", response_class=HTMLResponse)
    def verantwoording_formulier(request: Request):
        return _pagina(request, "verantwoording.html")

    @app.post("/verantwoording", response_class=HTMLResponse)
    async def verantwoording(request: Request):
        try:
            async with request.form(max_files=3, max_fields=3) as formulier:
                request.state.gekozen = {"opdracht": formulier.get("opdracht")}
                opdracht = _opdracht(formulier.get("opdracht"), verplicht=False)
                stukken = {veld: await _bestand(formulier.get(veld)) for veld in ("verantwoording", "werkplan", "beoordeling")}
        except HTTPException:
            raise Invoerfout("Het formulier kon niet worden gelezen. Kies één verantwoording en één werkplan en "
                             "probeer het opnieuw.", "verantwoording") from None
        if not stukken["verantwoording"]:
            raise Invoerfout("Kies de verantwoording: een Excel-bestand (.xlsx).", "verantwoording")
        if not stukken["werkplan"]:
            raise Invoerfout("Kies het werkplan waarop de subsidie is verleend: een Excel-bestand (.xlsx).", "werkplan")
        return _pagina(request, "uitslag.html", **await run_in_threadpool(
            _toets_verantwoording, stukken["verantwoording"], stukken["werkplan"], opdracht, stukken["beoordeling"]))

    @app.post("/aanvulling")
    async def aanvulling(request: Request):
        """The aanvullingsverzoek (Word) for the werkplan the result page carries."""
        try:
            async with request.form(max_files=0, max_fields=8, max_part_size=2 * upload_grens) as formulier:
                invoer = Invoer(_bestandsnaam(str(formulier.get("naam", ""))),
                                base64.b64decode(str(formulier.get("werkplan", "")), validate=True))
                beoordeling = (Invoer(_bestandsnaam(str(formulier.get("beoordeling_naam", ""))),
                                      base64.b64decode(str(formulier["beoordeling"]), validate=True))
                               if formulier.get("beoordeling") else None)
                opdracht = _opdracht(formulier.get("opdracht"), verplicht=False)
                dagen, datum = _termijn(formulier.get("termijn")), _briefdatum(formulier.get("datum"))
        except (HTTPException, binascii.Error):
            raise Invoerfout("Het formulier voor de brief kon niet worden gelezen. Toets het werkplan opnieuw en "
                             "vraag daarna de brief.", "werkplan") from None
        if not invoer.inhoud:
            raise Invoerfout("Toets eerst het werkplan; daarna kunt u de brief vragen.", "werkplan")
        verzoek, sjabloon = await run_in_threadpool(_aanvulling, invoer, opdracht, datum, dagen, beoordeling)
        naam = f"{Path(invoer.naam).stem}-aanvulling.docx"
        return Response(brief(verzoek, "docx", sjabloon), media_type=DOCX,
                        headers={"Content-Disposition": f"attachment; filename=\"aanvulling.docx\"; "
                                                        f"filename*=UTF-8''{quote(naam)}"})

    @app.get("/sjabloon")
    def sjabloon(request: Request):
        if "opdracht" not in request.query_params:
            return _pagina(request, "sjabloon.html")
        opdracht = _opdracht(request.query_params["opdracht"], verplicht=True)
        stuk = request.query_params.get("stuk", "werkplan")
        if stuk not in ("werkplan", "verantwoording"):
            raise Invoerfout("Kies een werkplan of een verantwoording.", "stuk")
        try:
            inhoud = maak_sjabloon(_regelset(opdracht), stuk)
        except ToetsingFout as fout:  # e.g. an opdracht without rules for a verantwoording
            raise Invoerfout(str(fout), "stuk") from None
        return Response(inhoud, media_type=XLSX,
                        headers={"Content-Disposition": f'attachment; filename="{stuk}-{opdracht}.xlsx"'})

    @app.get("/regels", response_class=HTMLResponse)
    def regels(request: Request):
        gekozen = request.query_params.get("opdracht")
        regelset = _regelset(_opdracht(gekozen, verplicht=True)) if gekozen is not None else None
        return _pagina(request, "regels.html", regelset=regelset)

    @app.get("/stijl/rapport.css")
    def rapport_stijl():
        """The HTML report's own style sheet, so the result page looks like the report."""
        return Response(als_html.CSS, media_type="text/css")

    @app.exception_handler(ToetsingFout)
    def toetsingfout(request: Request, fout: ToetsingFout):
        return _formulierfout(request, fout, 422)

    @app.exception_handler(TeGroot)
    def te_groot(request: Request, fout: TeGroot):
        tekst = (f"Dat is te groot: u kunt hoogstens {app.state.upload_mb} MB tegelijk toetsen. "
                 "Een werkplan is meestal veel kleiner; kies het goede bestand.")
        return _formulierfout(request, Invoerfout(tekst, "werkplan"), 413)

    @app.exception_handler(TeTraag)
    def te_traag(request: Request, fout: TeTraag):
        tekst = "Het bestand kwam te langzaam binnen en is niet getoetst. Probeer het opnieuw."
        return _formulierfout(request, Invoerfout(tekst, "werkplan"), 408)

    @app.exception_handler(HTTPException)
    def http_fout(request: Request, fout: HTTPException):
        return _pagina(request, "fout.html", fout.status_code, code=fout.status_code)

    return app


def _pagina(request: Request, naam: str, status: int = 200, **context) -> HTMLResponse:
    return _sjablonen.TemplateResponse(request, naam, context, status_code=status)


def _formulierfout(request: Request, fout: ToetsingFout, status: int) -> HTMLResponse:
    """The form again, the message above it and at its field (a RegelFout is about the opdracht)."""
    veld = getattr(fout, "veld", "opdracht" if isinstance(fout, RegelFout) else "werkplan")
    route = getattr(request.scope.get("endpoint"), "__name__", "")
    pagina = {"sjabloon": "sjabloon.html", "regels": "regels.html", "verantwoording": "verantwoording.html"
              }.get(route, "toetsen.html")
    return _pagina(request, pagina, status, fout={"veld": veld, "tekst": str(fout)})


def _opdracht(waarde: str | None, verplicht: bool) -> str:
    """An opdracht from the list; empty means: the werkplan says which."""
    if not waarde and not verplicht:
        return ""
    if waarde not in beschikbare_regelsets():
        raise Invoerfout("Kies een opdracht uit de lijst.", "opdracht")
    return waarde


async def _bestand(veld) -> Invoer | None:
    """An uploaded file under its own name, or None when the field was left empty."""
    if isinstance(veld, UploadFile) and veld.filename:
        return Invoer(_bestandsnaam(veld.filename), await veld.read())
    return None


def _bestandsnaam(naam: str) -> str:
    """The name as uploaded, without a folder (some browsers send C:\\...\\naam.xlsx), and
    short enough for any file system (255 bytes, 4 bytes a character at most)."""
    naam = "".join(t for t in PureWindowsPath(naam).name if t.isprintable()).strip()[-60:]
    return naam if naam.strip(".") else "werkplan.xlsx"


def _termijn(waarde) -> int:
    tekst = str(waarde or "").strip()
    if not tekst.isdigit() or not 1 <= int(tekst) <= 365:
        raise Invoerfout("Geef als termijn een aantal dagen van 1 tot en met 365, bijvoorbeeld 14. Toets het "
                         "werkplan opnieuw en vraag daarna de brief.", "werkplan")
    return int(tekst)


def _briefdatum(waarde) -> date:
    try:
        return date.fromisoformat(str(waarde or ""))
    except ValueError:
        raise Invoerfout("Geef de datum van de brief, bijvoorbeeld 11-12-2019. Toets het werkplan opnieuw en "
                         "vraag daarna de brief.", "werkplan") from None


def _aanvulling(invoer: Invoer, opdracht: str, datum: date, dagen: int, beoordeling: Invoer | None = None):
    with _EEN_TEGELIJK:
        verzoek, sjabloon = maak_aanvulling(invoer, opdracht or None, datum, dagen, beoordeling=beoordeling)
    if verzoek is None:
        raise Invoerfout("Alle eisen zijn voldaan: er is niets om aan te vullen. Er is geen brief gemaakt.", "werkplan")
    return verzoek, sjabloon


def _toets(invoeren: list[Invoer], opdracht: str, vorige: Invoer | None = None, samen: bool = False,
           beoordeling: Invoer | None = None) -> dict:
    """One werkplan: its report, compared with the previous toetsing when `vorige` is given, with
    the officer's judgements when `beoordeling` (the filled beoordelingsformulier) is.
    Several: each apart (`overzicht`, a summary line per file, and each werkplan's report), or
    with `samen` a joint toetsing (`samen`, with the joint rules' report as `gezamenlijk`)."""
    namen = [invoer.naam for invoer in invoeren]
    dubbel = next((naam for naam in namen if namen.count(naam) > 1), None)
    if dubbel:
        raise Invoerfout(f"Twee bestanden heten {dubbel}. Geef ze verschillende namen en toets opnieuw.", "werkplan")
    if len(invoeren) > 1 and not samen:
        return _apart(invoeren, opdracht)
    with _EEN_TEGELIJK:
        if len(invoeren) == 1:
            gezamenlijk, rapporten = None, [lees_en_toets(invoeren[0], opdracht or None, eerst=_geen_verantwoording)[1]]
            if vorige:
                rapporten = [_vergelijk(vorige, rapporten[0])]
            if beoordeling:
                rapporten = [_beoordeeld(beoordeling, rapporten[0])]
        else:
            gezamenlijk = toets_gezamenlijk(invoeren, opdracht or None, eerst=_geen_verantwoording)
            rapporten = gezamenlijk.werkplannen
    uitslagen = [Uitslag(r, _downloads(r, i.inhoud), heeft_macros(i.inhoud)) for r, i in zip(rapporten, invoeren)]
    if gezamenlijk is None:
        u = uitslagen[0]
        if u.rapport.exitcode:  # something to ask for: the page offers the letter
            u = Uitslag(u.rapport, u.downloads, u.macros, base64.b64encode(invoeren[0].inhoud).decode("ascii"),
                        beoordeling)
        return {"samen": None, "gezamenlijk": None, "uitslagen": [u]}
    downloads = [_download(f"De gezamenlijke toetsing {f.uitleg}", f"gezamenlijk{f.extensie}", f.mediatype,
                           f.gezamenlijk(gezamenlijk, False)) for f in map(formaten.formaat, ("xlsx", "json"))]
    return {"samen": gezamenlijk, "gezamenlijk": Uitslag(gezamenlijk.gezamenlijk, downloads), "uitslagen": uitslagen}


def _apart(invoeren: list[Invoer], opdracht: str) -> dict:
    """Each werkplan its own toetsing, as `toetsing toets A.xlsx B.xlsx` does: a file that
    cannot be toetst (unreadable, a verantwoording) is a line in the summary with why, and
    the others go on."""
    begin, tijd = time.perf_counter(), datetime.now().astimezone().replace(microsecond=0)
    regels, uitslagen = [], []
    for invoer in invoeren:
        try:
            with _EEN_TEGELIJK:  # one at a time, so a long batch does not keep others waiting all along
                _, rapport = lees_en_toets(invoer, opdracht or None, eerst=_geen_verantwoording)
        except ToetsingFout as fout:
            regels.append(Overzichtsregel(niet_getoetst(invoer.naam, fout)))
            continue
        uitslagen.append(Uitslag(rapport, _downloads(rapport, invoer.inhoud), heeft_macros(invoer.inhoud)))
        regels.append(Overzichtsregel(getoetst(invoer.naam, rapport), len(uitslagen)))
    if not uitslagen:
        raise Invoerfout("Geen van de bestanden kon worden getoetst. " + " ".join(r.regel.fout for r in regels), "werkplan")
    samenvatting = Samenvatting(getoetst_op=tijd, seconden=round(time.perf_counter() - begin, 2),
                                uitslagen=[r.regel for r in regels])
    downloads = [_download("De samenvatting in Excel", f"{SAMENVATTING}.xlsx", XLSX, samenvatting_xlsx(samenvatting)),
                 _download("De samenvatting als JSON (voor andere programma's)", f"{SAMENVATTING}.json",
                           formaten.formaat("json").mediatype, samenvatting_json(samenvatting).encode("utf-8"))]
    return {"samen": None, "gezamenlijk": None, "uitslagen": uitslagen,
            "overzicht": {"regels": regels, "oordeel": oordeel(samenvatting), "downloads": downloads}}


def _toets_verantwoording(verantwoording: Invoer, werkplan: Invoer, opdracht: str,
                          beoordeling: Invoer | None = None) -> dict:
    """A verantwoording against its werkplan, as `toetsing verantwoording` does, with the
    auditor's judgements when `beoordeling` is given; a file that cannot be read, or is the
    other kind of file, is said at its own field."""
    with _EEN_TEGELIJK:
        rapport = toets_verantwoording_bestand(verantwoording, werkplan, opdracht or None, lees=_lees_stuk)
    if beoordeling:
        rapport = _beoordeeld(beoordeling, rapport)
    return {"samen": None, "gezamenlijk": None,
            "uitslagen": [Uitslag(rapport, _downloads(rapport, verantwoording.inhoud))]}


def _lees_stuk(invoer: Invoer, veld: str):
    """Read the file of the form's field `veld` ("werkplan" or "verantwoording"), and tell
    when it is the other kind: the columns only a verantwoording has say which it is."""
    try:
        gelezen = lees_werkplan(invoer)
    except ToetsingFout as fout:
        raise Invoerfout(str(fout), veld) from None
    if veld == "werkplan":
        _geen_verantwoording(gelezen, "Kies bij Werkplan het werkplan waarop de subsidie is verleend.")
    elif not verantwoording_koppen(gelezen):
        raise Invoerfout(f"{invoer.naam}: dit lijkt een werkplan, geen verantwoording: in de kolommen die alleen een "
                         f"verantwoording heeft ({', '.join(KOPPEN_VERANTWOORDING)}) staat niets. Kies hier het bestand "
                         "met wat er in het jaar is gedaan, en bij Werkplan het werkplan.", "verantwoording")
    return gelezen


def _geen_verantwoording(werkplan, wat_nu: str = "Een verantwoording toetst u op de pagina Verantwoording, met "
                                                   "het werkplan erbij.") -> None:
    """A verantwoording chosen as werkplan: read as a werkplan it would miss every deelopdracht."""
    koppen = lijkt_verantwoording(werkplan)
    if koppen:
        raise VerantwoordingAlsWerkplan(f"{werkplan.bestand}: dit lijkt een verantwoording, geen werkplan (het heeft de "
                                        f"kolommen {', '.join(koppen[:-1])} en {koppen[-1]}). {wat_nu}", "werkplan")


def _beoordeeld(formulier: Invoer, rapport: Rapport) -> Rapport:
    """The report with the officer's judgements; what is wrong with the form is said at its field."""
    from toetsing.beoordeling.samenvoegen import met_beoordeling

    try:
        return met_beoordeling(rapport, formulier)
    except ToetsingFout as fout:
        raise Invoerfout(str(fout), "beoordeling") from None


def _vergelijk(vorige: Invoer, rapport: Rapport) -> Rapport:
    """The report with what changed since the previous toetsing; what is wrong with that file is said at its field."""
    try:
        return met_vergelijking(vorig_rapport(vorige, rapport.opdracht), rapport, vorige.naam)
    except ToetsingFout as fout:
        raise Invoerfout(str(fout), "vorige") from None


def _downloads(rapport: Rapport, werkplan: bytes) -> list[Download]:
    """The report in every format, the werkplan's annotated copy (a verantwoording has none,
    as on the command line), and the beoordelingsformulier for the officer's own judgement."""
    stam = Path(rapport.werkplan).stem
    return [
        *(_download(f"Het rapport {f.uitleg}", f"{stam}-rapport{f.extensie}", f.mediatype, f.enkel(rapport, False))
          for f in map(formaten.formaat, ("xlsx", "html", "json"))),
        *([_download("Uw werkplan met de bevindingen in de cellen", f"{stam}-getoetst.xlsx", XLSX,
                     annoteer(rapport, werkplan))] if rapport.stuk == "werkplan" else []),
        _download("Het beoordelingsformulier, voor het oordeel van de medewerker", f"{stam}-beoordeling.xlsx", XLSX,
                  maak_formulier(rapport, engine_voor(rapport.opdracht, rapport.stuk).regelset)),
    ]


def _download(tekst: str, naam: str, mediatype: str, inhoud: bytes) -> Download:
    url = f"data:{mediatype};base64,{base64.b64encode(inhoud).decode('ascii')}"
    return Download(tekst, naam, url if len(url) <= DATA_URL_GRENS else "")


class _Uploadgrens:
    """Counts the request body while it is read: a body announced or grown past `grens`
    bytes raises TeGroot (a 413 page) before the rest is read; LEES_TIJD seconds without
    a part of it raise TeTraag (a 408 page)."""

    def __init__(self, app, grens: int):
        self.app = app
        self.grens = grens

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        gemeld = dict(scope["headers"]).get(b"content-length", b"")
        gelezen = 0

        async def tellend():
            nonlocal gelezen
            if gemeld.isdigit() and int(gemeld) > self.grens:
                raise TeGroot
            try:
                bericht = await asyncio.wait_for(receive(), LEES_TIJD)
            except TimeoutError:
                raise TeTraag from None
            gelezen += len(bericht.get("body", b""))
            if gelezen > self.grens:
                raise TeGroot
            return bericht

        await self.app(scope, tellend, send)


class _Bewaking:
    """Security headers on every response; a defect of ours becomes a general Dutch page
    (500) and a log line that says where in the code, never what the werkplan held."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        begonnen = False

        async def met_koppen(bericht):
            nonlocal begonnen
            if bericht["type"] == "http.response.start":
                begonnen = True
                bericht["headers"] = [*bericht.get("headers", []),
                                      *((k.lower().encode(), v.encode()) for k, v in KOPPEN.items())]
            await send(bericht)

        try:
            await self.app(scope, receive, met_koppen)
        except Exception as fout:
            # the message of an exception can quote a cell, so only its type and the code path
            log.error("Fout in toetsing (%s):\n%s", type(fout).__name__, "".join(traceback.format_tb(fout.__traceback__)))
            if not begonnen:
                await _pagina(Request(scope), "fout.html", 500, code=500)(scope, receive, met_koppen)


@pass_context
def _pad(context, naam: str, **params) -> str:
    """A path within the app, behind a proxy's --root-path too."""
    return context["request"].url_for(naam, **params).path


# the report's own templates too: the result page renders a report as the HTML report does
_sjablonen = Jinja2Templates(env=als_html.omgeving(MAP / "templates"))
@pass_context
def _gekozen_in_formulier(context, veld: str) -> str | None:
    """What the user chose in a field of the form that is shown again (after an error)."""
    return getattr(context["request"].state, "gekozen", {}).get(veld)


_sjablonen.env.globals.update(
    pad=_pad, versie=__version__, max_bestanden=MAX_BESTANDEN, vandaag=lambda: date.today().isoformat(),
    opdrachten=lambda: [(i, _regelset(i).titel) for i in beschikbare_regelsets()],
    gekozen_in_formulier=_gekozen_in_formulier,
)


class _Kopklok(H11Protocol):
    """uvicorn's HTTP/1.1 connection with a clock on each request's line and headers: a
    client that has not sent them within KOP_TIJD seconds of connecting, or of the previous
    response on a kept-alive connection, is disconnected (uvicorn's own keep-alive timeout
    stops as soon as any byte of the next request arrives)."""

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._kopklok = self.loop.call_later(KOP_TIJD, self._te_traag, None)

    def on_response_complete(self) -> None:
        klaar = self.cycle
        super().on_response_complete()
        self._kopklok.cancel()
        if not self.transport.is_closing():
            self._kopklok = self.loop.call_later(KOP_TIJD, self._te_traag, klaar)

    def _te_traag(self, vorige) -> None:
        if self.cycle is vorige and not self.transport.is_closing():  # no new request has begun
            self.transport.close()

    def connection_lost(self, exc) -> None:
        self._kopklok.cancel()
        super().connection_lost(exc)


def _opties() -> dict:
    # quiet: the server's own lines are English; the page tells the user what happened
    return {"server_header": False, "http": _Kopklok, "limit_concurrency": MAX_VERBINDINGEN,
            "timeout_keep_alive": KEEP_ALIVE, "log_level": "error", "access_log": False}


def server(app, host: str, port: int):
    """The page's server with the bounds above, to run in a thread (tests)."""
    import uvicorn

    return uvicorn.Server(uvicorn.Config(app, host=host, port=port, **_opties()))


def serveer(app, host: str, port: int) -> None:
    """Run the page until Ctrl+C (`toetsing web`)."""
    import uvicorn

    uvicorn.run(app, host=host, port=port, **_opties())
