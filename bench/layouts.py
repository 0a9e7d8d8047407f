"""The pipeline on generated layouts: actions found and fields right, per producer and layout class.

    python bench/layouts.py [--reportlab 300] [--jobs 2] [--out bench/layouts_results.md]

Reads reportlab documents generated on the fly (seeds 0..N-1, in a temporary folder) and the
committed LibreOffice and Chromium corpora (tests/layouts/), each through the real pipeline
(`ingest.read` then `normalise.normalise`), and scores the records against the generator's truth
(samples/layouts.py `score`). Prints, per producer and layout class, the documents, the actions
F1, the share of actions with every field right, and the fields most often wrong; writes the same
table as Markdown. A document the pipeline fails on counts as nothing found, and is listed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "samples"))  # before this folder: `layouts` is the generator

import layouts  # noqa: E402

CORPUS = ROOT / "tests" / "layouts"
TARGET = (0.99, 0.97)


@dataclass
class Job:
    producer: str
    layout_class: str
    name: str
    pdf: str
    truth: list[dict[str, object]]


@dataclass
class Outcome:
    job: Job
    score: layouts.Score
    error: str | None
    seconds: float


def read_and_score(job: Job) -> Outcome:
    from actionplan import ingest, normalise
    start = time.perf_counter()
    try:
        records: list = normalise.normalise(ingest.read(job.pdf)).records
        error = None
    except Exception as problem:  # noqa: BLE001 - a failed document is a result, not a crash
        records, error = [], f"{type(problem).__name__}: {problem}"[:200]
    return Outcome(job, layouts.score(records, job.truth), error, time.perf_counter() - start)


def reportlab_jobs(count: int, folder: Path) -> list[Job]:
    jobs = []
    for seed in range(count):
        plan = layouts.generate(seed)
        path = folder / f"reportlab-{seed}.pdf"
        layouts.render_reportlab(plan, path)
        jobs.append(Job("reportlab", layouts.layout_class(plan.spec), path.name, str(path), plan.truth))
    return jobs


def corpus_jobs() -> list[Job]:
    jobs = []
    for truth_file in sorted(CORPUS.glob("*/*.truth.json")):
        document = json.loads(truth_file.read_text(encoding="utf-8"))
        pdf = truth_file.with_name(truth_file.name.removesuffix(".truth.json") + ".pdf")
        jobs.append(Job(document["producer"], document["layout_class"], pdf.name, str(pdf),
                        document["truth"]))
    return jobs


def combined(scores: list[layouts.Score]) -> layouts.Score:
    total = layouts.Score(truth=0, found=0, matched=0, all_fields=0)
    for s in scores:
        total.truth += s.truth
        total.found += s.found
        total.matched += s.matched
        total.all_fields += s.all_fields
        total.wrong += s.wrong
    return total


def table(outcomes: list[Outcome]) -> list[str]:
    groups: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups[outcome.job.producer, outcome.job.layout_class].append(outcome)
        groups[outcome.job.producer, "all"].append(outcome)
    lines = ["| producer | layout class | documents | actions | F1 | all fields right | at target | "
             "fields most often wrong |", "|---|---|---:|---:|---:|---:|---|---|"]
    order = sorted(groups, key=lambda key: (key[0], key[1] == "all", key[1]))
    for producer, name in order:
        group = groups[producer, name]
        total = combined([o.score for o in group])
        wrong = Counter(n for _, names in total.wrong for n in names).most_common(4)
        at_target = total.f1 >= TARGET[0] and total.all_fields_share >= TARGET[1]
        label = f"**{name}**" if name == "all" else name
        lines.append(f"| {producer} | {label} | {len(group)} | {total.truth} | {total.f1:.3f} | "
                     f"{total.all_fields_share:.3f} | {'yes' if at_target else 'no'} | "
                     f"{', '.join(f'{n} ({c})' for n, c in wrong) or '-'} |")
    return lines


def report(outcomes: list[Outcome], seconds: float, jobs: int) -> str:
    failures = [o for o in outcomes if o.error]
    header = [
        "# Generated layouts: actions found and fields right",
        "",
        f"`python bench/layouts.py` on {platform.machine()} with {os.cpu_count()} cores, {jobs} worker(s): "
        f"{len(outcomes)} documents read in {seconds:.0f} s "
        f"({sum(o.seconds for o in outcomes) / max(len(outcomes), 1):.2f} s per document).",
        "",
        "F1 of actions (matched by their whitespace-folded text) and the share of truth actions whose",
        "every field (section, theme, outcome, ref, action, evidence, lead, due_text, risks, notes,",
        "progress, status_text, status, rag, extra) equals the record's. Target per class: F1 >= "
        f"{TARGET[0]} and >= {TARGET[1]:.0%} of actions right in every field.",
        "",
    ]
    footer = ["", f"Documents the pipeline failed on: {len(failures)}."]
    footer += [f"- {o.job.name}: {o.error}" for o in failures[:20]]
    return "\n".join(header + table(outcomes) + footer) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reportlab", type=int, default=300, help="reportlab documents (seeds 0..N-1)")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "layouts_results.md")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        jobs = reportlab_jobs(args.reportlab, Path(folder)) + corpus_jobs()
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            outcomes = list(pool.map(read_and_score, jobs, chunksize=4))
    text = report(outcomes, time.perf_counter() - start, args.jobs)
    print(text)
    temporary = args.out.with_name(args.out.name + ".part")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
