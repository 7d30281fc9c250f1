"""Legal drafts job: read each draft, check it for corruption-risk factors, write its conclusion
and store its findings.

A batch of drafts must not stop at the first bad file: each file's error is captured with the
file (its `InputError` already says what to do) and the others go on. Findings go to the common
store as rows of the one finding schema, one per factor and provision, keyed by the draft, and a
draft checked again replaces its earlier rows, so the store holds the latest check of each draft.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import orjson

from adaldyq.engines.legal_drafts import check_text
from adaldyq.errors import AdaldyqError, ConfigError, InputError
from adaldyq.ingest.legal_texts import legal_files, read_legal_text
from adaldyq.jobs import new_run_id
from adaldyq.model.findings import Finding, SubjectType, findings_table
from adaldyq.model.legal import Expertise
from adaldyq.reports.legal_conclusion import ConclusionSummary, conclusion_record, summarise
from adaldyq.reports.legal_conclusion_docx import write_conclusion_docx
from adaldyq.reports.legal_conclusion_html import write_conclusion_html
from adaldyq.store.catalog import Workspace
from adaldyq.store.findings import FindingsWriter

ENGINE = "legal_drafts"
RULE_VERSION = "1"
OUTPUT_FORMATS = ("html", "docx", "json")


@dataclass(frozen=True)
class DraftResult:
    """One file's outcome: its conclusion record and summary, or the error that stopped it."""

    path: Path
    record: dict[str, Any] | None = None
    summary: ConclusionSummary | None = None
    outputs: dict[str, Path] = field(default_factory=dict)
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The line `--json` prints for this file: the conclusion, or `{"file", "error"}`."""
        if self.record is not None:
            return self.record
        return {"file": str(self.path), "error": self.error}


@dataclass
class DraftsRun:
    """Every file's result, in the order checked, and where the findings were stored."""

    run_id: str
    results: list[DraftResult]
    findings_file: Path | None

    @property
    def all_failed(self) -> bool:
        return all(r.error is not None for r in self.results)


OnResult = Callable[[DraftResult, int, int], None]
"""Called after each file with its result, the number done and the total."""


def check_drafts_job(
    inputs: Sequence[Path],
    language: str | None = None,
    out_dir: Path | None = None,
    formats: Collection[str] = OUTPUT_FORMATS,
    workspace: Workspace | None = None,
    on_result: OnResult | None = None,
    workers: int = 1,
) -> DraftsRun:
    """Check every draft among `inputs` (files, or folders searched recursively).

    Conclusions are written to `out_dir` in `formats` (none when `out_dir` is None), mirroring
    the folders given; findings are stored in `workspace` when one is given. With `workers` > 1
    drafts are checked in that many processes (each draft is independent, so a national batch
    scales with cores); results still arrive, and are stored, in input order.
    """
    unknown = sorted(set(formats) - set(OUTPUT_FORMATS))
    if unknown:
        raise ConfigError(
            f"unknown conclusion format {', '.join(unknown)}: use {', '.join(OUTPUT_FORMATS)}"
        )
    drafts = [(root, file) for root in inputs for file in legal_files([root])]
    if not drafts:
        raise InputError("no .txt, .docx or .pdf draft found", path=", ".join(map(str, inputs)))
    run_id = new_run_id()
    writer = (
        FindingsWriter(workspace, ENGINE, replaces=[_dataset(f) for _, f in drafts])
        if workspace is not None
        else None
    )
    results: list[DraftResult] = []
    check = partial(_check_one, language=language, run_id=run_id, formats=tuple(formats))
    files = [file for _, file in drafts]
    stems = [_stem(out_dir, root, file) for root, file in drafts]
    try:
        with ExitStack() as stack:
            mapper = _mapper(stack, workers, len(drafts))
            outcomes = mapper(check, files, stems)
            for result, rows in outcomes:
                if writer is not None:
                    writer.add(findings_table(rows))
                results.append(result)
                if on_result is not None:
                    on_result(result, len(results), len(drafts))
    except BaseException:
        if writer is not None:
            writer.abandon()
        raise
    if writer is not None and workspace is not None:
        writer.finish(_run_record(run_id, language, results))
    return DraftsRun(run_id, results, workspace.findings if workspace else None)


def _mapper(stack: ExitStack, workers: int, count: int) -> Callable[..., Iterator[Any]]:
    """`map` in this process, or an ordered map over a pool of `workers` processes ("fork", so
    workers start with the engine's patterns already compiled)."""
    if workers <= 1 or count < 2:
        return map
    pool = stack.enter_context(
        ProcessPoolExecutor(min(workers, count), mp_context=get_context("fork"))
    )
    chunk = max(1, min(32, count // (workers * 8)))
    return partial(pool.map, chunksize=chunk)


def _check_one(
    path: Path,
    stem: Path | None,
    *,
    language: str | None,
    run_id: str,
    formats: Collection[str],
) -> tuple[DraftResult, list[Finding]]:
    """One draft read, checked and written; any error is kept in the result, not raised."""
    try:
        text = read_legal_text(path).text
        try:
            expertise = check_text(text, language)
        except InputError as exc:
            raise _naming(exc, path) from exc
        summary = summarise(expertise, text)
        record = conclusion_record(str(path), expertise, summary)
        outputs = _write_outputs(stem, formats, str(path), expertise, text, summary, record)
    except AdaldyqError as exc:
        return DraftResult(path, error=str(exc)), []
    except Exception as exc:  # a defect on one draft must not lose the rest of a batch
        return DraftResult(path, error=f"internal error ({type(exc).__name__}: {exc})"), []
    return DraftResult(path, record, summary, outputs), _findings(run_id, path, expertise)


def _naming(exc: InputError, path: Path) -> InputError:
    """The engine's error about the text, said about the file the text came from."""
    if exc.path is not None:
        return exc
    message = exc.message.removeprefix(f"{exc.field}: ") if exc.field else exc.message
    return InputError(message, path=path)


def _write_outputs(
    stem: Path | None,
    formats: Collection[str],
    file: str,
    expertise: Expertise,
    text: str,
    summary: ConclusionSummary,
    record: dict[str, Any],
) -> dict[str, Path]:
    if stem is None:
        return {}
    written: dict[str, Path] = {}
    if "html" in formats:
        written["html"] = write_conclusion_html(
            stem.with_name(stem.name + ".html"), file, expertise, text, summary
        )
    if "docx" in formats:
        written["docx"] = write_conclusion_docx(
            stem.with_name(stem.name + ".docx"), file, expertise, text, summary
        )
    if "json" in formats:
        target = stem.with_name(stem.name + ".json")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(orjson.dumps(record, option=orjson.OPT_INDENT_2))
        written["json"] = target
    return written


def _stem(out_dir: Path | None, root: Path, file: Path) -> Path | None:
    """`OUT/<sub folders>/<file name>.conclusion`: the folders under the one given are kept, and
    the file's own suffix too, so draft.docx and draft.pdf do not overwrite each other."""
    if out_dir is None:
        return None
    relative = file.relative_to(root) if root.is_dir() else Path(file.name)
    return out_dir / relative.parent / f"{relative.name}.conclusion"


def _findings(run_id: str, path: Path, expertise: Expertise) -> list[Finding]:
    """The draft's findings as rows of the common schema, one per factor and provision span."""
    return [
        Finding(
            run_id=run_id,
            dataset=_dataset(path),
            engine=ENGINE,
            rule_code=f.factor,
            rule_version=RULE_VERSION,
            subject_type=SubjectType.LEGAL_PROVISION,
            subject_id=f"{path.name}#{f.unit_id}",
            ocid=None,
            value=f.confidence,
            score=f.confidence,
            evidence={
                "locator": f.locator,
                "start": f.start,
                "end": f.end,
                "text": f.text,
                "rule": f.rule,
                "advisory": f.advisory,
                "recommendation": f.recommendation,
                "language": expertise.act.language,
                "evidence": f.evidence,
            },
            explanation=f.explanation,
        )
        for f in expertise.findings
    ]


def _dataset(path: Path) -> str:
    """A draft's dataset is its absolute path: two drafts with one name stay apart."""
    return path.resolve().as_posix()


def _run_record(run_id: str, language: str | None, results: list[DraftResult]) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "created": datetime.now(UTC).isoformat(),
        "engine": ENGINE,
        "rule_version": RULE_VERSION,
        "language": language,
        "files": {
            _dataset(r.path): (
                {"error": r.error}
                if r.summary is None
                else {"findings": r.summary.findings, "provisions": r.summary.provisions}
            )
            for r in results
        },
    }
