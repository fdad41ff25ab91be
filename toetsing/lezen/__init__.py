"""The importer: a werkplan workbook (.xlsx) -> toetsing.werkplan.model.Werkplan."""
from toetsing.lezen.importeer import lees_werkplan

__all__ = ["lees_werkplan"]
