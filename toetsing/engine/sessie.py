"""Run the compiled rule set in durable-rules: one engine session per werkplan.

The ruleset is compiled once (`Engine(regelset)`) and then serves any number of
werkplannen, each as its own session id, asserted in one batch and deleted afterwards
so memory stays flat over a batch. The engine decides which parts fire; this module
only records them.
"""
from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from typing import Any

from durable import engine as durable_engine
import durable_rules_engine

from toetsing.engine.compileer import Compiler, Deel
from toetsing.feiten import Kader
from toetsing.fouten import RegelFout
from toetsing.regels.model import Regelset
from toetsing.tekst import normaliseer

_volgnummer = itertools.count()


@dataclass(frozen=True)
class Uitkomst:
    deel: Deel
    feiten: dict[str, dict[str, Any]]  # alias in the condition -> matched fact


class _Host(durable_engine.Host):
    """A durable-rules host that runs actions synchronously in the caller's thread
    (the stock host also starts polling threads, which a batch tool does not need)."""

    def __init__(self, acties: dict[str, Any]):
        self._acties = acties
        super().__init__()

    def _run(self) -> None:  # no background dispatch threads
        pass

    def get_action(self, action_name: str):
        return self._acties[action_name]


class Engine:
    def __init__(self, regelset: Regelset, gezamenlijk: bool = False, stuk: str = "werkplan"):
        # a werkplan's own rules, the joint rules (over several werkplannen) and the rules for
        # a verantwoording (`stuk`, with the werkplan's facts as toezegging) run in separate engines
        regelset = regelset.model_copy(update={"regels": [
            r for r in regelset.regels if r.gezamenlijk == gezamenlijk and stuk in r.toepassing]})
        self.stuk = stuk
        compiler = Compiler(regelset)
        self.regelset = regelset
        self.delen: dict[str, Deel] = {}
        definitie: dict[str, Any] = {}
        for regel in regelset.regels:
            for i, deel in enumerate(compiler.delen(regel)):
                naam = f"{regel.id}#{i}"
                self.delen[naam] = deel
                definitie[naam] = {"all": deel.conditie, "run": naam}
        self.definitie = definitie
        self.kader = Kader(
            deelopdrachten=tuple(regelset.deelopdrachten),
            codes={
                soort: {normaliseer(info.omschrijving): code for code, info in catalogus.items()}
                for soort, catalogus in (("kengetal", regelset.kengetallen), ("product", regelset.producten),
                                         ("randvoorwaarde", regelset.randvoorwaarden))
            },
        )
        self._opvang: list[Uitkomst] = []
        self._host = _Host({naam: self._actie(naam) for naam in definitie})
        # durable-rules keeps ruleset names process-wide; a fresh name per compile
        self._naam = f"{regelset.id}-{next(_volgnummer)}"
        try:
            self._host.register_rulesets({self._naam: json.loads(json.dumps(definitie))})
        except Exception as fout:  # the C engine raises a bare error with a number
            raise RegelFout(self._welke_regel(str(fout))) from None
        self._ruleset = self._host.get_ruleset(self._naam)

    def _welke_regel(self, fout: str) -> str:
        """Name the rule the engine refuses, by compiling the rules one at a time."""
        for naam, regel in self.definitie.items():
            try:
                durable_rules_engine.create_ruleset(f"toets-{next(_volgnummer)}", json.dumps({naam: {"all": regel["all"]}}))
            except Exception:
                return f"Regelset {self.regelset.id}, regel-id {naam.split('#')[0]}: de engine kan deze controle niet verwerken ({fout})."
        return f"Regelset {self.regelset.id}: de engine kan de regels samen niet verwerken ({fout}); maak de regelset kleiner."

    def _actie(self, naam: str):
        deel = self.delen[naam]

        def actie(c) -> None:
            self._opvang.append(Uitkomst(deel, dict(c._m)))

        return actie

    def evalueer(self, feiten: list[dict[str, Any]]) -> list[Uitkomst]:
        """Assert all facts in one batch (the `einde` fact last) and collect what fired."""
        sid = str(next(_volgnummer))
        self._opvang = []
        try:
            resultaat = durable_rules_engine.assert_facts(
                self._ruleset._handle, json.dumps([{**f, "sid": sid} for f in feiten], ensure_ascii=False)
            )
            # code 1: some facts match no rule at all, which is normal for a werkplan
            if resultaat[0] not in (0, 1):
                raise RuntimeError(f"durable-rules weigerde de feiten (code {resultaat[0]})")
            fouten: list[BaseException] = []
            self._ruleset.do_actions(resultaat[1], lambda fout, _staat: fouten.append(fout) if fout else None)
            if fouten:
                raise fouten[0]
            return self._opvang
        finally:
            self._ruleset.delete_state(sid)
