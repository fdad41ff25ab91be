"""The input of a toetsing: a file's bytes with the name the user knows it by.

Everything after this point reads `Invoer.inhoud` and nothing else, so the file is read
once and the receipt's sha256 is of exactly the bytes that were judged. A path becomes
an Invoer here (the command line, batch); the web page makes one from an upload.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from stat import S_ISREG

from toetsing.fouten import WerkplanFout, os_reden
from toetsing.tekst import toonbaar

MAX_FILE_BYTES = 200 * 1024 * 1024  # compressed, as on disk


@dataclass(frozen=True)
class Invoer:
    naam: str  # as the user gave it (the path on the command line, the upload's file name), made `toonbaar`
    inhoud: bytes

    def __post_init__(self) -> None:
        # every output names the file by this: reports, meldingen, the batch summary, the web page
        object.__setattr__(self, "naam", toonbaar(self.naam))

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.inhoud).hexdigest()


def te_groot(naam: str) -> WerkplanFout:
    return WerkplanFout(f"{naam}: het bestand is groter dan {MAX_FILE_BYTES // 2**20} MB; dat is geen werkplan")


def lees_invoer(pad: Path) -> Invoer:
    """Read a file once, bounded: a folder, a device or pipe, a file past MAX_FILE_BYTES and
    an OS error are each one Dutch sentence naming the path as given."""
    pad = Path(pad)

    def fout(tekst: str) -> WerkplanFout:
        return WerkplanFout(f"{toonbaar(str(pad))}: {tekst}")

    if pad.is_dir():
        raise fout("dit is een map, geen werkplan; geef het .xlsx-bestand op")
    try:
        status = pad.stat()
        # a device (/dev/zero) never ends and a pipe waits forever for a writer
        if not S_ISREG(status.st_mode):
            raise fout("dit is geen gewoon bestand (maar bijvoorbeeld een apparaat); geef het .xlsx-bestand op")
        if status.st_size > MAX_FILE_BYTES:
            raise te_groot(toonbaar(str(pad)))
        with pad.open("rb") as bestand:
            inhoud = bestand.read(status.st_size + 1)  # bounded, also when the file grew since stat()
    except FileNotFoundError:
        raise fout("het bestand bestaat niet") from None
    except OSError as error:
        raise fout(f"het bestand kan niet worden gelezen: {os_reden(error)}") from None
    return Invoer(str(pad), inhoud)
