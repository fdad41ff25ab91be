"""The check kinds of the rule files, one module per family; each kind registers itself.

Every module of this package is imported here, so a new family is one new module.
`ControleUnie` is the type of a rule's `controles` (pydantic picks the kind by `soort`);
`REGISTER` maps each soort to its class for the loader, the template and the docs.
"""
import importlib
import pkgutil
from typing import Annotated, Union

from pydantic import Field

from toetsing.controles.basis import REGISTER, Controle

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}")

ControleUnie = Annotated[Union[tuple(REGISTER.values())], Field(discriminator="soort")]  # type: ignore[valid-type]

__all__ = ["REGISTER", "Controle", "ControleUnie"]
