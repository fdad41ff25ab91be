"""Checks on the Producten sheet: when a product is delivered."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from toetsing.controles.basis import Controle, registreer, voeg_toe, zet
from toetsing.engine.patronen import EINDE, Deel, bestaat, met, niet, vergelijk
from toetsing.feiten import kwartaalnummer
from toetsing.status import Status


class Kwartaalgrens(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    jaar: int
    kwartaal: int = Field(ge=1, le=4)

    @property
    def nummer(self) -> int:
        return kwartaalnummer(self.jaar, self.kwartaal)

    def __str__(self) -> str:
        return f"Q{self.kwartaal} {self.jaar}"


class _Product(Controle):
    blad = "Producten"
    product: str

    def catalogus_codes(self):
        return [("producten", [self.product])]

    def niet_genoemd(self, c, regel, verwacht: str, extra: str = "", oplevering: str = "") -> Deel:
        omschrijving = c.regelset.producten[self.product].omschrijving
        return Deel(regel.id, Status.ontbreekt,
                    f"{c.het_stuk} noemt geen oplevering van {self.product} ({omschrijving}) op het blad Producten{extra}.",
                    verwacht, {}, [met("e", EINDE), niet("p", c.product(self.product, bestaat("kwartaalnr")))],
                    voeg_toe("Producten", self.product, f"met oplevering {oplevering or verwacht}"))


@registreer
class ProductKwartalen(_Product):
    """Een product wordt in elk genoemd kwartaal van het jaar opgeleverd (één rij per oplevering op het blad Producten)."""

    soort: Literal["product-kwartalen"]
    jaar: int
    kwartalen: list[int] = Field(min_length=1)

    def opleveringen(self, product):
        return len(self.kwartalen) if product == self.product else 0

    def delen(self, c, regel):
        delen = []
        namen = " en ".join(f"Q{q}" for q in self.kwartalen)
        for q in self.kwartalen:
            in_q = c.product(self.product, {"jaar": self.jaar}, {"kwartaal": q})
            delen += [
                Deel(regel.id, Status.voldaan, f"{self.product} wordt opgeleverd in Q{q} {self.jaar} ({{gevonden}}).",
                     f"Q{q} {self.jaar}", {"p": ("oplevering",)}, [met("p", in_q)]),
                # p is a delivery outside the quarter: the engine excludes p's fact from the negation
                Deel(regel.id, Status.afwijkend, f"{self.product} heeft geen oplevering in Q{q} {self.jaar}.",
                     f"Q{q} {self.jaar}", {"p": ("oplevering",)},
                     [met("e", EINDE),
                      met("p", c.product(self.product, vergelijk("$neq", "kwartaalnr", kwartaalnummer(self.jaar, q)))),
                      niet("q", in_q)],
                     f"Zet op het blad Producten een rij {self.product} met oplevering Q{q} {self.jaar}."),
            ]
        delen.append(self.niet_genoemd(c, regel, f"{namen} {self.jaar}", f"; de opdracht vraagt {namen} {self.jaar}",
                                       f"{namen} {self.jaar} (een rij per oplevering)" if len(self.kwartalen) > 1 else ""))
        return delen


@registreer
class ProductUiterlijk(_Product):
    """Een product wordt uiterlijk in het genoemde kwartaal opgeleverd; later is afwijkend."""

    soort: Literal["product-uiterlijk"]
    uiterlijk: Kwartaalgrens

    def delen(self, c, regel):
        op_tijd = c.product(self.product, vergelijk("$lte", "kwartaalnr", self.uiterlijk.nummer))
        te_laat = c.product(self.product, vergelijk("$gt", "kwartaalnr", self.uiterlijk.nummer))
        verwacht = f"uiterlijk {self.uiterlijk}"
        return [
            Deel(regel.id, Status.voldaan, f"{self.product} wordt opgeleverd in {{gevonden}}, uiterlijk {self.uiterlijk}.",
                 verwacht, {"p": ("oplevering",)}, [met("p", op_tijd)]),
            Deel(regel.id, Status.afwijkend,
                 f"{self.product} wordt pas opgeleverd in {{gevonden}}; de opdracht vraagt uiterlijk {self.uiterlijk}.",
                 verwacht, {"p": ("oplevering",)}, [met("e", EINDE), met("p", te_laat), niet("q", op_tijd)],
                 zet("Producten", self.product, f"een oplevering uiterlijk in {self.uiterlijk}")),
            self.niet_genoemd(c, regel, verwacht),
        ]
