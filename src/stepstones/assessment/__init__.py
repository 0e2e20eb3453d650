"""Legal indicator catalogue and the assessment engine (pure: no Django).

facts = parse_facts(yaml.safe_load(text))      # FactsError names the bad field
result = assess(facts)                         # Assessment: outcome, flags, explanation
result.to_dict(gettext)                        # JSON-able; every text translated
render_text(result)                            # readable explanation for the CLI
"""

from .catalogue import (
    Catalogue,
    CatalogueError,
    Dimension,
    Element,
    ElementKind,
    Indicator,
    LegalProvision,
    NextStep,
    Profile,
    Question,
    Sector,
    Stage,
    Trigger,
    Weight,
    WeightBasis,
    load_catalogue,
)
from .engine import Assessment, assess
from .explain import STAGE_LABELS
from .facts import AgeBand, Answer, Facts, FactsError, Route, answers_to_facts, parse_facts
from .outcome import FLAG_LABELS, OUTCOME_LABELS, Flag, Outcome
from .render import render_text
from .result import AskNext, DimensionResult, ElementFinding, Evidence, IndicatorWeight
from .text import N_, Msg, source_msgids

__all__ = [
    "FLAG_LABELS",
    "OUTCOME_LABELS",
    "STAGE_LABELS",
    "AgeBand",
    "Answer",
    "AskNext",
    "Assessment",
    "Catalogue",
    "CatalogueError",
    "Dimension",
    "DimensionResult",
    "Element",
    "ElementFinding",
    "ElementKind",
    "Evidence",
    "Facts",
    "FactsError",
    "Flag",
    "Indicator",
    "IndicatorWeight",
    "LegalProvision",
    "Msg",
    "N_",
    "NextStep",
    "Outcome",
    "Profile",
    "Question",
    "Route",
    "Sector",
    "Stage",
    "Trigger",
    "Weight",
    "WeightBasis",
    "answers_to_facts",
    "assess",
    "load_catalogue",
    "parse_facts",
    "render_text",
    "source_msgids",
]
