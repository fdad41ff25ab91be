import errno


class ToetsingFout(Exception):
    """An error the user can fix; str() is one Dutch line, shown without traceback (exit 2)."""


class WerkplanFout(ToetsingFout): ...


class RegelFout(ToetsingFout): ...


# what the operating system says, in words for the user: its own text is English
_OS_REDENEN = {
    errno.EACCES: "er is geen toestemming voor",
    errno.EPERM: "er is geen toestemming voor",
    errno.ELOOP: "de snelkoppeling (symbolische link) wijst in een kring naar zichzelf",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quotum) is op",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.EIO: "de schijf gaf een leesfout",
    errno.ENOENT: "het bestand of de map bestaat niet",
    errno.EISDIR: "dit is een map",
    errno.EMFILE: "er staan te veel bestanden tegelijk open",
}


def os_reden(fout: OSError) -> str:
    """An OSError as a Dutch phrase, never the system's English."""
    return _OS_REDENEN.get(fout.errno, f"het besturingssysteem meldt foutcode {fout.errno}")
