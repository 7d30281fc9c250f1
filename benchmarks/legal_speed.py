"""Throughput of the legal drafts engine on a batch of drafts built from real acts.

    uv run python -m benchmarks.legal_speed [--drafts 8000] [--workers 2] [--workdir DIR]

(run as a module from the repository root: it reuses the PDF builder of the tests)

Drafts are consecutive articles cut from the real acts in ../shared/data/legal/ and
benchmarks/legal_eval/acts/, about `--chars` characters each (15,000 by default: some 8 standard
pages of 1,800 characters and 50-80 provisions, the size of a typical by-law draft), written as
.txt files. The batch is then checked the way `adaldyq draft check DIR --json` checks a folder
(read, parse, all factor checks, the JSON conclusion per file) by the real batch job with
`--workers` processes, then 500 of them again with the HTML, DOCX and JSON conclusions written.
It prints drafts, provisions and standard pages per second, peak memory, and the time 8,000 such
drafts take (the target: under 5 minutes on 2 cores). A sample is also written as DOCX and PDF to
time the readers, whose cost comes on top for drafts in those formats.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from itertools import cycle
from pathlib import Path

import docx
from tests.legal_builders import text_pdf

from adaldyq.engines.legal_drafts import parse_act
from adaldyq.engines.legal_drafts.provisions import provisions
from adaldyq.ingest.legal_texts import read_legal_text
from adaldyq.jobs.legal_drafts import check_drafts_job

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    *sorted((ROOT.parent / "shared" / "data" / "legal").glob("*.txt")),
    *sorted((ROOT / "benchmarks" / "legal_eval" / "acts").glob("*.txt")),
]
PAGE = 1800
"""Characters of a standard page (стандартная страница)."""
TARGET_DRAFTS = 8000


def build_drafts(folder: Path, count: int, size: int) -> tuple[int, int]:
    """Write `count` drafts of about `size` characters; returns (characters, provisions)."""
    pieces = [piece for source in SOURCES for piece in _pieces(source, size)]
    characters = provision_count = 0
    for number, piece in zip(range(count), cycle(pieces), strict=False):
        (folder / f"draft_{number:05d}.txt").write_text(piece, encoding="utf-8")
        characters += len(piece)
    for piece in pieces:
        provision_count += len(provisions(parse_act(piece), piece))
    per_piece = provision_count / len(pieces)
    return characters, round(per_piece * count)


def _pieces(source: Path, size: int) -> list[str]:
    """Runs of whole articles (or whole lines for acts without articles) of about `size`."""
    text = source.read_text(encoding="utf-8")
    act = parse_act(text)
    starts = sorted(u.start for u in act.units if u.kind.value == "article") or [0]
    pieces: list[str] = []
    begin = starts[0]
    for start in [*starts[1:], len(text)]:
        if start - begin >= size:
            pieces.append(text[begin:start])
            begin = start
    if len(text) - begin >= size // 3:
        pieces.append(text[begin:])
    return pieces or [text]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--drafts", type=int, default=TARGET_DRAFTS)
    parser.add_argument("--chars", type=int, default=15000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--sample", type=int, default=40, help="drafts timed as DOCX and PDF")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="adaldyq-legal-speed-"))
    folder = workdir / "drafts"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    characters, provision_count = build_drafts(folder, args.drafts, args.chars)
    files = sorted(folder.glob("*.txt"))
    print(
        f"{len(files)} drafts of {characters / len(files):,.0f} characters "
        f"({characters / len(files) / PAGE:.1f} standard pages) and "
        f"{provision_count / len(files):.0f} provisions on average, cut from {len(SOURCES)} acts"
    )
    for label, out_dir in (
        ("check (JSON conclusion)", None),
        ("check + HTML/DOCX/JSON files", workdir / "out"),
    ):
        count = len(files) if out_dir is None else min(len(files), 500)
        started = time.perf_counter()
        run = check_drafts_job(files[:count], out_dir=out_dir, workers=args.workers)
        elapsed = time.perf_counter() - started
        failed = sum(r.error is not None for r in run.results)
        findings = sum(r.summary.findings for r in run.results if r.summary)
        share = count / len(files)
        print(
            f"{label}: {count} drafts ({failed} failed, {findings} findings) in {elapsed:.1f} s "
            f"with {args.workers} workers | {count / elapsed:,.1f} drafts/s | "
            f"{provision_count * share / elapsed:,.0f} provisions/s | "
            f"{characters * share / PAGE / elapsed:,.0f} pages/s | "
            f"{TARGET_DRAFTS} drafts: {TARGET_DRAFTS / count * elapsed:,.0f} s (target 300 s)"
        )
    main_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: main process {main_peak:,.0f} MB, largest worker {worker_peak:,.0f} MB")
    _time_readers(workdir, files[: args.sample])


def _time_readers(workdir: Path, sample: list[Path]) -> None:
    """Reading speed of DOCX and PDF on a sample written in those formats (their cost comes on
    top of the check for drafts that arrive so)."""
    for suffix, writer in (("docx", _write_docx), ("pdf", text_pdf)):
        folder = workdir / suffix
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        written = [
            writer(folder / f"{path.stem}.{suffix}", path.read_text(encoding="utf-8"))
            for path in sample
        ]
        started = time.perf_counter()
        texts = [read_legal_text(path) for path in written]
        elapsed = time.perf_counter() - started
        pages = sum(t.pages or len(t.text) / PAGE for t in texts)
        print(
            f"read {suffix}: {len(written)} files, {pages:,.0f} pages in {elapsed:.2f} s | "
            f"{len(written) / elapsed:,.1f} files/s | {pages / elapsed:,.1f} pages/s (one process)"
        )


def _write_docx(path: Path, text: str) -> Path:
    """A DOCX with one paragraph per line, numbers typed in, as drafts are often typed."""
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


if __name__ == "__main__":
    main()
