"""The expertise conclusion as one self-contained HTML page for a legal drafter.

The page shows the act's own text with every finding's words highlighted in its factor's colour
(advisory factors underlined, not filled, so they read as "look here" rather than "fix this"),
an anchor at every provision, and beside it the list of findings linking to their spans. The text
is cut into segments at every finding boundary, so overlapping findings (two factors on one
phrase) need no nested markup; the template escapes every segment, and the page loads nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path

from adaldyq.engines.legal_drafts import FACTORS
from adaldyq.model.legal import Expertise
from adaldyq.reports.legal_conclusion import (
    ConclusionSummary,
    conclusion_language,
    factor_name,
    labels,
)
from adaldyq.reports.rendering import render


@dataclass
class Segment:
    """A run of the act's text covered by the same findings (indices into the findings)."""

    text: str
    findings: list[int]
    anchors: list[str] = field(default_factory=list)  # ids that start here (units, findings)


def write_conclusion_html(
    path: Path, file: str, expertise: Expertise, text: str, summary: ConclusionSummary
) -> Path:
    """Write the HTML conclusion of one act; `text` is what the act was parsed from."""
    language = expertise.act.language
    words = labels(language)
    conclusion = conclusion_language(language)
    findings = [
        {
            "n": n,
            "factor": f.factor,
            "name": factor_name(f.factor, language),
            "locator": f.locator,
            "unit": f.unit_id,
            "text": f.text,
            "explanation": f.explanation,
            "recommendation": f.recommendation,
            "advisory": f.advisory,
        }
        for n, f in enumerate(expertise.findings, start=1)
    ]
    page = render(
        "legal_conclusion.html.j2",
        lang=conclusion,
        words=words,
        title=expertise.act.title or Path(file).name,
        file=file,
        language=language,
        today=date.today().isoformat(),
        summary=summary,
        factors=[
            {
                "code": code,
                "name": info.name(conclusion),
                "definition": info.definition(conclusion),
                "advisory": info.advisory,
                "hue": round(index * 360 / len(FACTORS)),
            }
            for index, (code, info) in enumerate(FACTORS.items())
        ],
        factor_names={code: factor_name(code, language) for code in FACTORS},
        findings=findings,
        segments=segments(text, expertise),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path


def segments(text: str, expertise: Expertise) -> list[Segment]:
    """The text cut at every finding boundary and provision start, each piece with the findings
    covering it (1-based, as numbered in the list) and the anchors that begin there."""
    starts: dict[int, list[str]] = {}
    for unit in expertise.act.units:
        starts.setdefault(unit.start, []).append(f"u-{unit.id}")
    for n, finding in enumerate(expertise.findings, start=1):
        starts.setdefault(finding.start, []).append(f"finding-{n}")
    ends = {f.end for f in expertise.findings}
    cuts = sorted(p for p in {0, len(text), *starts, *ends} if 0 <= p <= len(text))
    pieces: list[Segment] = []
    for left, right in pairwise(cuts):
        covering = [
            n
            for n, f in enumerate(expertise.findings, start=1)
            if f.start <= left and right <= f.end
        ]
        pieces.append(Segment(text[left:right], covering, starts.get(left, [])))
    return pieces
