"""The anti-corruption expertise conclusion of one act: its JSON record and its summary.

The JSON record is an interface automated checks read, so its keys are stable: `file`,
`language` and `findings` (each with `factor`, `locator`, `start`, `end`, `text`, `explanation`,
`recommendation`, `advisory`) never change; other keys may be added beside them. The summary
(counts per factor and per chapter) is shared by the HTML and DOCX conclusions and the CLI table,
so the three always agree.

A conclusion is written in the act's language for Russian and English acts. Kazakh acts get a
Russian conclusion: the engine's explanations and fixes exist in Russian and English only, and
Russian is the second official language in which Kazakh agencies exchange conclusions.
"""

# Conclusions are written in Russian; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from adaldyq.engines.legal_drafts import FACTORS
from adaldyq.engines.legal_drafts.provisions import provisions
from adaldyq.model.legal import Expertise, FactorFinding

LABELS: dict[str, dict[str, str]] = {
    "ru": {
        "title": "Заключение по результатам антикоррупционной экспертизы",
        "act": "Проект акта",
        "file": "Файл",
        "language": "Язык акта",
        "date": "Дата",
        "summary": "Сводка",
        "found": "Выявлено коррупциогенных факторов: {findings} (в {provisions} из {total} "
        "положений), из них рекомендательных: {advisory}.",
        "none": "Коррупциогенные факторы не выявлены.",
        "per_factor": "По факторам",
        "per_chapter": "По главам",
        "factor": "Фактор",
        "count": "Количество",
        "chapter": "Глава (раздел)",
        "no_chapter": "(вне глав)",
        "findings": "Выявленные коррупциогенные факторы",
        "number": "№",
        "locator": "Положение",
        "words": "Текст положения",
        "why": "Обоснование",
        "fix": "Рекомендуемая редакция",
        "advisory": "рекомендательный: требует проверки экспертом",
        "legend": "Факторы",
        "text": "Текст акта",
        "method": "Экспертиза проведена автоматически системой Adaldyq по перечню "
        "коррупциогенных факторов F01–F17 (Методика, утв. постановлением Правительства РФ "
        "от 26.02.2010 № 96, п. 3–4; практика научной антикоррупционной экспертизы Республики "
        "Казахстан; методики NAZK, CNA и RAI). Каждый фактор указывает на слова, которые его "
        "вызвали, и требует оценки эксперта; рекомендательные факторы не могут быть "
        "установлены по тексту одного акта и отмечены для проверки.",
    },
    "en": {
        "title": "Anti-corruption expertise conclusion",
        "act": "Draft act",
        "file": "File",
        "language": "Language of the act",
        "date": "Date",
        "summary": "Summary",
        "found": "Corruption-risk factors found: {findings} (in {provisions} of {total} "
        "provisions), of which advisory: {advisory}.",
        "none": "No corruption-risk factor was found.",
        "per_factor": "Per factor",
        "per_chapter": "Per chapter",
        "factor": "Factor",
        "count": "Count",
        "chapter": "Chapter (part)",
        "no_chapter": "(outside chapters)",
        "findings": "Corruption-risk factors found",
        "number": "No.",
        "locator": "Provision",
        "words": "Words of the provision",
        "why": "Why",
        "fix": "Recommended rewrite",
        "advisory": "advisory: needs an expert's check",
        "legend": "Factors",
        "text": "Text of the act",
        "method": "The expertise was made automatically by Adaldyq against the corruption-risk "
        "factors F01-F17 (Russian Government Decree No. 96 of 26.02.2010, items 3-4; "
        "Kazakhstan's scientific anti-corruption expertise; the NAZK, CNA and RAI "
        "methodologies). Each factor points at the words that raised it and needs an expert's "
        "judgement; advisory factors cannot be settled from the text of one act and are "
        "marked for checking.",
    },
}


def conclusion_language(act_language: str) -> str:
    """The language of the conclusion: English for English acts, Russian otherwise (kk too)."""
    return "en" if act_language == "en" else "ru"


def labels(act_language: str) -> dict[str, str]:
    return LABELS[conclusion_language(act_language)]


@dataclass(frozen=True, slots=True)
class ConclusionSummary:
    """Counts a reader looks at first: provisions checked, findings per factor and chapter."""

    provisions: int
    provisions_with_findings: int
    findings: int
    advisory: int
    per_factor: dict[str, int]
    per_chapter: dict[str, int]
    chapter_of: dict[str, str]  # unit id -> chapter locator and heading ("" outside chapters)


def summarise(expertise: Expertise, text: str) -> ConclusionSummary:
    """Counts of one act's findings; `text` is the text the act was parsed from."""
    items = provisions(expertise.act, text)
    chapter_of = {p.unit.id: p.chapter for p in items}
    per_factor = Counter(f.factor for f in expertise.findings)
    per_chapter = Counter(chapter_of.get(f.unit_id, "") for f in expertise.findings)
    return ConclusionSummary(
        provisions=len(items),
        provisions_with_findings=len({f.unit_id for f in expertise.findings}),
        findings=len(expertise.findings),
        advisory=sum(f.advisory for f in expertise.findings),
        per_factor={code: per_factor[code] for code in FACTORS if per_factor[code]},
        per_chapter=dict(per_chapter),
        chapter_of=chapter_of,
    )


def conclusion_record(
    file: str, expertise: Expertise, summary: ConclusionSummary
) -> dict[str, Any]:
    """The JSON conclusion of one file (stable keys: see the module docstring)."""
    return {
        "file": file,
        "language": expertise.act.language,
        "title": expertise.act.title,
        "provisions": summary.provisions,
        "counts": summary.per_factor,
        "findings": [finding_record(f) for f in expertise.findings],
    }


def finding_record(finding: FactorFinding) -> dict[str, Any]:
    """One finding as JSON: the stable keys first, then the rule and confidence behind it."""
    return {
        "factor": finding.factor,
        "locator": finding.locator,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "explanation": finding.explanation,
        "recommendation": finding.recommendation,
        "advisory": finding.advisory,
        "rule": finding.rule,
        "confidence": finding.confidence,
        "unit_id": finding.unit_id,
    }


def factor_name(code: str, act_language: str) -> str:
    """ "F02 Определение компетенции по формуле «вправе»" in the conclusion's language."""
    info = FACTORS.get(code)
    return f"{code} {info.name(conclusion_language(act_language))}" if info else code
