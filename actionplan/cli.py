"""The command line: each command parses its options, calls one library function, renders.

Only click is imported with this module; each command imports
what it uses when it runs, so `actionplan --help` starts about as fast as Python does.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from actionplan import __version__

if TYPE_CHECKING:
    from actionplan import ingest
    from actionplan.normalise import Settings

    from .pipeline import Failure


class DateType(click.ParamType):
    """A day written YYYY-MM-DD, given to the command as a `date`."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date: use YYYY-MM-DD", param, ctx)


DATE = DateType()


def colour_wanted(stream: Any) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return bool(stream.isatty()) and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


class LazyChoice(click.Choice):
    """Choices looked up when an option is checked or shown, not when the CLI loads (they are
    defined by modules a command imports only when it runs)."""

    def __init__(self, load: Callable[[], list[str]]) -> None:
        self.load = load
        super().__init__([])

    @property  # type: ignore[override]
    def choices(self) -> list[str]:
        return self.load()

    @choices.setter
    def choices(self, _value: Any) -> None:
        pass


class LazyHelpOption(click.Option):
    """An option whose help is written when help is shown, for the same reason."""

    def __init__(self, *args: Any, help_text: Callable[[], str], **kwargs: Any) -> None:
        self.help_text = help_text
        super().__init__(*args, **kwargs)

    @property  # type: ignore[override]
    def help(self) -> str:
        return self.help_text()

    @help.setter
    def help(self, _value: Any) -> None:
        pass


def export_formats() -> list[str]:
    from actionplan import export

    return sorted(export.FORMATS)


def pdf_engines() -> list[str]:
    from actionplan import ingest

    return list(ingest.PDF_ENGINES)


def default_pdf_engine() -> str:
    from actionplan import ingest

    return ingest.ReadOptions.pdf_engine


def limits_help() -> str:
    from actionplan import ingest

    return ("Raise or lower one limit on what a file may cost, e.g. --limit pdf_pages=20000 "
            f"(repeatable; names: {', '.join(ingest.Limits.names())}).")


def parse_tags(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    from .pipeline import TagError, check_tags

    tags = {}
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{value!r}: write KEY=VALUE")
        tags[key.strip()] = text
    try:
        check_tags(tags)
    except TagError as exc:
        raise click.BadParameter(str(exc)) from None
    return tags


def parse_limits(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> dict[str, int]:
    """The limits named on the command line (checked here, so a typo is a usage error); they
    override the configuration file's [limits]."""
    from actionplan import ingest

    chosen = {}
    for value in values:
        key, sep, number = value.partition("=")
        if not sep or not number.strip().isdigit():
            raise click.BadParameter(f"{value!r}: write NAME=NUMBER, NAME one of "
                                     f"{', '.join(ingest.Limits.names())}")
        chosen[key.strip()] = int(number)
    try:
        ingest.Limits().with_values(chosen)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return chosen


def configured_limits(settings: Settings, chosen: dict[str, int]) -> ingest.Limits:
    """The default limits, changed by the configuration file's [limits], then by --limit."""
    from actionplan import ingest

    table = settings.sections.get("limits", {})
    if not isinstance(table, dict) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in table.values()):
        raise click.ClickException("configuration: [limits] must be a table of NAME = whole number")
    try:
        return ingest.Limits().with_values(table).with_values(chosen)
    except ValueError as exc:
        raise click.ClickException(f"configuration: [limits]: {exc}") from None


def reading_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every command that reads plans shares."""
    @click.option("--config", type=click.Path(dir_okay=False, path_type=Path),
                  help="actionplan.toml or pyproject.toml to use (default: found from here up).")
    @click.option("--month-first/--day-first", default=None,
                  help="Force the order of numeric dates (default: day first, the UK order, unless "
                       "a plan's dates can only be read month first).")
    @click.option("--password", default=None, help="Password of encrypted PDFs.")
    @click.option("--pdf-strategy", type=click.Choice(["auto", "lines", "text"]), default="auto",
                  show_default=True,
                  help="How PDF tables are found: ruled lines, text alignment, or per table.")
    @click.option("--pdf-engine", type=LazyChoice(pdf_engines), default=default_pdf_engine,
                  cls=LazyHelpOption,
                  help_text=lambda: ("What reads PDF pages: PDFium (fast) or pdfplumber (the reference); "
                                     f"both give the same tables.  [default: {default_pdf_engine()}]"))
    @click.option("--limit", "limits", multiple=True, callback=parse_limits, metavar="NAME=N",
                  cls=LazyHelpOption, help_text=limits_help)
    @functools.wraps(command)
    def wrapper(*args: Any, config: Path | None, month_first: bool | None, password: str | None,
                pdf_strategy: str, pdf_engine: str, limits: dict[str, int], **kwargs: Any) -> Any:
        from actionplan.normalise import SettingsError, find_config, load_settings

        try:
            settings = load_settings(config or find_config(Path.cwd()))
            settings = settings.with_options(month_first=month_first)
        except SettingsError as exc:
            raise click.ClickException(f"configuration: {exc}") from None
        from actionplan import ingest

        options = ingest.ReadOptions(password=password, pdf_strategy=pdf_strategy,
                                     pdf_engine=pdf_engine, limits=configured_limits(settings, limits))
        return command(*args, settings=settings, options=options, **kwargs)
    return wrapper


def report_failures(failures: list[Failure]) -> None:
    from .pipeline import printable

    for failure in failures:
        click.echo(f"error: {printable(failure.reason)}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="actionplan")
def cli() -> None:
    """Read action plans (PDF, DOCX, XLSX, text) into one clean, typed table of actions."""


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True,
              help="Output file (.csv, .parquet, .jsonl, .xlsx), a folder (out/) for a Parquet dataset "
                   "with a manifest, or - for standard output (CSV, or JSONL with --format jsonl).")
@click.option("--format", "fmt", type=LazyChoice(export_formats),
              help="Output format when the suffix does not say.")
@click.option("--tag", "tags", multiple=True, callback=parse_tags, metavar="KEY=VALUE",
              help="Constant column to add, e.g. --tag organisation=RGT (repeatable).")
@click.option("--excel", is_flag=True,
              help="CSV for Excel: the BOM it needs for UTF-8, refs and due texts kept as text "
                   "(never read as numbers or dates), formula-like cells neutralised.")
@click.option("--safe-formulas", is_flag=True,
              help="CSV: prefix cells starting with = + - @ with ' so spreadsheets do not run them.")
@click.option("--follow-links", is_flag=True,
              help="Folders: also read symbolic links that lead out of the folder.")
@click.option("--raw", is_flag=True, help="Dump the raw source tables (JSON lines) instead.")
@click.option("--residue", type=click.Path(dir_okay=False, path_type=Path),
              help="Write what went into no record (JSON lines) to this file.")
@click.option("--as-of", type=DATE, help="Flag actions overdue on this day (YYYY-MM-DD).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              show_default="the machine's cores", help="Files read in parallel.")
@click.option("--timeout", type=click.FloatRange(min=0.1),
              help="Seconds one file may take before it is stopped and reported.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where the files are processed: this machine, or a Dask cluster.")
@click.option("--scheduler", help="Dask scheduler address (default: a local cluster).")
@click.option("--partition-by", help="Folder output: partition by this field or tag (default: plan).")
@click.option("--incremental", is_flag=True,
              help="Folder output: skip sources whose bytes are already in the manifest.")
@click.option("--quiet", "-q", is_flag=True, help="No progress, only errors and the summary.")
@reading_options
def ingest_command(paths: tuple[str, ...], output: str, fmt: str | None, tags: dict[str, str],
                   excel: bool, safe_formulas: bool, follow_links: bool, raw: bool,
                   residue: Path | None, as_of: date | None, jobs: int,
                   timeout: float | None, engine: str, scheduler: str | None,
                   partition_by: str | None, incremental: bool, quiet: bool,
                   settings: Settings, options: ingest.ReadOptions) -> None:
    """Convert plan documents into one table of actions.

    PATHS are files or folders (searched recursively for .pdf, .docx, .xlsx, .xlsm, .txt, .tsv,
    .md; the summary counts the other files skipped). A file
    that cannot be read is reported and skipped; the exit code is then 1.

    \b
    Example:
      actionplan ingest samples/ -o out/actions.csv --tag period=2022-Q2
      actionplan ingest plans/ -o dataset/ --jobs 4 --incremental
    """
    from actionplan import export

    from .batch import BatchError, BatchOptions
    from .convert import ConvertError, ConvertOptions, NoInput, convert
    from .dataset import DatasetError
    from .pipeline import printable

    conv = ConvertOptions(output, fmt, tags, excel, raw, residue, as_of,
                          BatchOptions(jobs, timeout, engine, scheduler), partition_by, incremental,
                          "none" if quiet else "auto", safe_formulas, follow_links)
    try:
        result = convert(paths, settings, options, conv)
    except NoInput as exc:
        raise click.UsageError(str(exc)) from None
    except export.OutputError as exc:
        click.echo(f"error: {printable(str(exc))}", err=True)
        sys.exit(2)
    except (ConvertError, DatasetError, BatchError) as exc:
        raise click.ClickException(printable(str(exc))) from None
    for note in result.notes:
        click.echo(f"note: {printable(note)}", err=True)
    report_failures(result.failures)
    for consequence in result.consequences:
        click.echo(f"note: {printable(consequence)}", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(result.summary(), err=True)
    sys.exit(1 if result.failures else 0)


@cli.command("validate")
@click.argument("paths", nargs=-1)
@click.option("--as-of", type=DATE,
              help="Judge overdue on this day (default: the plan's update date, else today).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True, help="Report for people (text) or machines (json, csv).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]),
              help="Lowest severity that makes the exit code 1 (default: error, or the config's).")
@click.option("--show-config", is_flag=True, help="Print the active rules and thresholds, then stop.")
@reading_options
def validate_command(paths: tuple[str, ...], as_of: date | None, fmt: str, fail_on: str | None,
                     show_config: bool, settings: Settings, options: ingest.ReadOptions) -> None:
    """Check plan drafts before they go to a board.

    Every action needs a lead, a readable date and a recognised status; overdue, vague and
    duplicated actions are reported with where to find them. Exit code 0 when nothing at or
    above --fail-on was found, 1 when something was, 2 when a file could not be read.

    \b
    Example:
      actionplan validate draft.docx --as-of 2022-06-30 --fail-on warning
    """
    from .validate import RENDERERS, render_text, validate

    if show_config:
        import json

        click.echo(json.dumps(settings.checks.as_table(), indent=2))
        return
    if not paths:
        raise click.UsageError("give at least one plan to validate")
    report = validate(paths, settings, options, as_of)
    if fmt == "text":
        click.echo(render_text(report, colour=colour_wanted(sys.stdout)), nl=False)
    else:
        click.echo(RENDERERS[fmt](report), nl=False)
    sys.exit(report.exit_code(fail_on or settings.checks.fail_on))


@cli.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write one row per action pair (.csv, .jsonl, .parquet), or the JSON "
                   "report (.json).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Report for people (text) or machines (json).")
@click.option("--as-of", type=DATE,
              help="Judge what is newly overdue on this day (default: NEW's update date).")
@reading_options
def diff_command(old: str, new: str, output: Path | None, fmt: str, as_of: date | None,
                 settings: Settings, options: ingest.ReadOptions) -> None:
    """Compare two quarters of a plan: what slipped, changed status, appeared or vanished.

    OLD and NEW are plan documents (PDF, DOCX, XLSX, text) or action files exported before.
    Exit code 0 whatever the differences; 2 when a side could not be read.

    \b
    Example:
      actionplan diff plan-2022-Q1.docx plan-2022-Q2.pdf -o changes.csv
    """
    from actionplan import export

    from .diff import diff_paths, diff_report
    from .diff import render_text as render_diff
    from .diff import rows as diff_rows

    comparison = diff_paths(old, new, settings, options, as_of)
    if comparison.failures:
        report_failures(comparison.failures)
        sys.exit(2)
    import json

    as_json = json.dumps(diff_report(comparison), default=str, ensure_ascii=False, indent=2) + "\n"
    if output:
        try:
            if output.suffix.lower() == ".json":
                export.atomic.write_text(output, as_json)
            else:
                export.write_pairs(diff_rows(comparison), output)
        except (export.ExportError, OSError) as exc:
            raise click.ClickException(str(exc)) from None
    if fmt == "json":
        click.echo(as_json, nl=False)
    else:
        click.echo(render_diff(comparison), nl=False)


@cli.command("inspect")
@click.argument("path")
@click.option("--page", "page_number", type=int, default=1, show_default=True, help="Page to draw.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="PNG file to write.")
@click.option("--resolution", type=int, default=110, show_default=True, help="Dots per inch.")
@reading_options
def inspect_command(path: str, page_number: int, output: Path, resolution: int, settings: Settings,
                    options: ingest.ReadOptions) -> None:
    """Draw what actionplan decided on one PDF page.

    Tables and cells found (and how: ruling lines or text alignment), header rows dropped, rows
    joined as continuations of a row cut by the page break, section headings, grouping cells
    inherited from a merged cell above, and status fills read.

    \b
    Example:
      actionplan inspect plan.pdf --page 2 -o page2.png
    """
    from actionplan.ingest import IngestError

    from .inspect import InspectError, draw

    try:
        count = draw(path, page_number, output, settings, options, resolution)
    except (IngestError, InspectError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {output} ({count} shapes)", err=True)


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any other than this machine's needs the access token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path),
              help="SQLite file the plans are kept in (default: in the user's data folder).")
@click.option("--keep-files", is_flag=True, help="Keep the uploaded files too, not only their records.")
@click.option("--token", help="Access token to require (default: a new one, off this machine only).")
@click.option("--max-upload-mb", type=click.FloatRange(min=0.001), default=50, show_default=True,
              help="Largest file one upload may hold, in MB.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=120, show_default=True,
              help="Seconds one file may take before it is stopped and reported.")
@reading_options
def serve_command(host: str, port: int, open_browser: bool, db: Path | None, keep_files: bool,
                  token: str | None, max_upload_mb: float, timeout: float, settings: Settings,
                  options: ingest.ReadOptions) -> None:
    """A web page on this machine: drop plans, see their actions and what to fix, compare quarters.

    Needs the extra: pip install 'actionplan[serve]'.

    \b
    Example:
      actionplan serve --open
    """
    from .web import ServeError, ServeOptions, serve

    try:
        serve(ServeOptions(host, port, open_browser, db, keep_files, token, max_upload_mb, timeout),
              settings, options, announce=lambda line: click.echo(line, err=True))
    except ServeError as exc:
        raise click.ClickException(str(exc)) from None


def stop_on_sigterm(signum: int, _frame: object) -> None:
    """SIGTERM ends a run as Ctrl-C does: the output stays as it was and scratch space goes."""
    raise SystemExit(128 + signum)


def main() -> None:
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    cli()
