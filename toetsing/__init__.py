"""toetsing: checks a werkplan (Excel) against a municipality's opdracht."""
import sys

__version__ = "0.1.0"

if not ((3, 10) <= sys.version_info[:2] <= (3, 12)):
    # durable-rules 2.0.28 builds from source and fails to import on 3.13.
    sys.exit(
        "toetsing werkt met Python 3.10, 3.11 of 3.12; dit is Python %d.%d. "
        "Installeer een van die versies en maak de virtualenv opnieuw." % sys.version_info[:2]
    )

# openpyxl parses with lxml when it is installed (python-docx brings it), and then not
# through defusedxml: keep openpyxl on the standard library's parser, which
# defusedxml.defuse_stdlib() guards (lezen/werkboek.py). Set before openpyxl is imported.
import os  # noqa: E402

os.environ["OPENPYXL_LXML"] = "False"
