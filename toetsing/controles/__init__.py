"""The check kinds of the rule files, one module per family; each kind registers itself.

`ControleUnie` is the type of a rule's `controles` (pydantic picks the kind by `soort`);
`REGISTER` maps each soort to its class for the loader, the template and the docs.
"""
from typing import Annotated, Union

from pydantic import Field

from toetsing.controles import (  # noqa: F401  (importing a family registers its kinds)
    deelopdrachten, formatie, gezamenlijk, kengetallen, producten, randvoorwaarden, rijen, tabellen, velden,
)
from toetsing.controles.basis import REGISTER, Controle

ControleUnie = Annotated[Union[tuple(REGISTER.values())], Field(discriminator="soort")]  # type: ignore[valid-type]

__all__ = ["REGISTER", "Controle", "ControleUnie"]
