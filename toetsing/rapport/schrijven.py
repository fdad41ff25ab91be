"""Writing output files safely: atomically (temp file + rename), never over the input,
never over an existing file unless asked."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from toetsing.fouten import ToetsingFout, os_reden


def schrijf_veilig(doel: Path, inhoud: bytes, *, overschrijf: bool = False, invoer: list[Path] = ()) -> None:
    doel = Path(doel)
    for bron in invoer:
        if bron.exists() and doel.exists() and os.path.samefile(bron, doel):
            raise ToetsingFout(f"{doel}: dit is het werkplan zelf; kies een andere naam voor het rapport.")
    if doel.exists() and not overschrijf:
        raise ToetsingFout(f"{doel} bestaat al. Kies een andere naam, of gebruik --overschrijf.")
    if not doel.parent.exists():
        raise ToetsingFout(f"{doel}: de map {doel.parent} bestaat niet.")
    if doel.is_dir():
        raise ToetsingFout(f"{doel} is een map; geef een bestandsnaam, zoals {doel / 'rapport.json'}.")
    try:
        fd, tijdelijk = tempfile.mkstemp(dir=doel.parent, prefix=f".{doel.name}.", suffix=".tmp")
    except OSError as fout:
        raise ToetsingFout(f"{doel}: kan hier niet schrijven: {os_reden(fout)}.") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(inhoud)
        os.replace(tijdelijk, doel)
    except OSError as fout:
        Path(tijdelijk).unlink(missing_ok=True)
        raise ToetsingFout(f"{doel}: kan het bestand niet schrijven: {os_reden(fout)}.") from None
    except BaseException:
        Path(tijdelijk).unlink(missing_ok=True)
        raise
