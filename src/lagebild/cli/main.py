"""The ``lagebild`` command: a thin layer over :mod:`lagebild.services`."""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer
import typer.core
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from lagebild import services, settings
from lagebild.demo import run_demo
from lagebild.errors import InputError, LagebildError, SettingsError
from lagebild.ingest import Limits, Overrides, count_sources
from lagebild.ingest.watch import Watch, read_url_list
from lagebild.report import exporters, html
from lagebild.services import queries
from lagebild.services import register
from lagebild.store import Store  # the type only: every call goes through the services

class _PlainOption(typer.core.TyperOption):
    """An option whose --help shows a plain metavar (TEXT, INTEGER, PATH or its own), not
    typer's ``<str>``; a flag shows none."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None if self.is_flag else self.metavar


class _PlainArgument(typer.core.TyperArgument):
    """An argument shown as ``PATHS...`` in --help and usage, not ``{paths}...`` / ``<list[str]>``."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        return self.metavar if self.required else f"[{self.metavar}]"


#: plain metavars by type, as click names them
_METAVARS = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER", "Path": "PATH"}


def _plain(params: list[Any]) -> None:
    for param in params:
        if isinstance(param, typer.core.TyperArgument):
            param.__class__ = _PlainArgument
            name = param.metavar or param.name.upper()
            param.metavar = name if param.nargs == 1 or name.endswith("...") else f"{name}..."
        elif isinstance(param, typer.core.TyperOption):
            param.__class__ = _PlainOption
            if param.metavar is None and not param.is_flag:
                param.metavar = _METAVARS.get(param.bare_type(), param.bare_type().upper())


class _PlainHelp:
    """Mixed into a command or group: its options, --help included, show plain metavars."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.params)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            _plain([option])
        return option


class _Command(_PlainHelp, typer.core.TyperCommand):
    pass


class _Group(_PlainHelp, typer.core.TyperGroup):
    pass


class _Typer(typer.Typer):
    """Every command and group of lagebild with plain metavars in --help."""

    def command(self, *args: Any, cls: Any = None, **kwargs: Any) -> Any:
        return super().command(*args, cls=cls or _Command, **kwargs)


app = _Typer(
    cls=_Group,
    name="lagebild",
    help="Sourced situation pictures from news reports: who did what to whom, when, how much, "
         "according to whom, and how many independent sources back each claim.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
entities_app = _Typer(cls=_Group, help="List entities and record human judgements (same / different).",
                      no_args_is_help=True)
app.add_typer(entities_app, name="entities")

console = Console(stderr=True)
out = Console()



def _setting_option(name: str, flag: str, metavar: str | None = None) -> Any:
    """A command-line option for setting ``name``: help text and default from :mod:`lagebild.settings`."""
    return typer.Option(flag, help=settings.setting(name).help, show_default=settings.option_default(name),
                        metavar=metavar)


DbOption = Annotated[Optional[str], _setting_option("db", "--db", "PATH_OR_URL")]
WorkersOption = Annotated[Optional[int], _setting_option("workers", "--workers", "N")]
MaxBytesOption = Annotated[Optional[int], _setting_option("max_bytes", "--max-bytes", "BYTES")]

#: exit code when some inputs were skipped (reported one by one)
EXIT_SKIPPED = 3


def _version(value: bool) -> None:
    if value:
        from lagebild import __version__  # lazy: only --version needs it

        out.print(f"lagebild {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print lagebild's version and exit.")] = False,
) -> None:
    """Sourced situation pictures from news reports."""


def _progress() -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=console, transient=False, disable=not console.is_terminal)


@contextmanager
def _tracked(label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar for work that reports ``progress(done, total)``."""
    with _progress() as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _settings(**overrides: object) -> settings.Settings:
    """The settings with the command-line options over them; a bad setting ends the command (exit 2)."""
    try:
        return settings.load(**overrides)
    except SettingsError as exc:
        _fail(exc)


def _open(db: str | None, *, create: bool = False) -> Store:
    """The store ``--db`` names; only ``ingest`` (``create``) may start a new one."""
    return services.open_store(_settings(db=db).db, create=create)


def _fail(exc: Exception) -> NoReturn:
    console.print(f"[red]error:[/red] {exc}")
    raise typer.Exit(2)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, feed files, http(s) addresses, or - for stdin.")],
    db: DbOption = None,
    glob: Annotated[Optional[str], typer.Option(help="Only files whose name matches this pattern, e.g. '*.txt'.")] = None,
    published: Annotated[Optional[str], typer.Option(help="Publication date (YYYY-MM-DD) for every article.")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Outlet name for every article.")] = None,
    language: Annotated[Optional[str], typer.Option(help="Language (de or en) for every article.")] = None,
    max_bytes: MaxBytesOption = None,
) -> None:
    """Read articles (.txt/.md with YAML front matter, .html, .jsonl, RSS/Atom, directories, web pages) into the store.

    An http(s) address is fetched (lagebild's user agent, a timeout, the size limit) and read by its type: a page's main text, title and date, or a feed's entries. Each bad item is reported with its name and reason and skipped; the exit code is 3 when anything was skipped. Re-running is safe: an article already stored is not stored twice.
    """
    try:
        day = date.fromisoformat(published) if published else None
    except ValueError:
        _fail(ValueError(f"--published must be YYYY-MM-DD, not {published!r}"))
    if language and language not in ("de", "en"):
        _fail(ValueError(f"--language must be de or en, not {language!r}"))
    conf = _settings(db=db, max_bytes=max_bytes)
    try:
        store = _open(db, create=True)
        total = count_sources([p for p in paths if p != "-"], glob=glob) + (1 if "-" in paths else 0)
        with _progress() as bar:
            task = bar.add_task("ingest", total=total or None)

            def on_item(item, added) -> None:
                if added is None:
                    console.print(f"[yellow]skipped[/yellow] {item.source}: {item.reason}")

            report = services.ingest_paths(store, paths, glob=glob, overrides=Overrides(day, outlet, language),
                                           limits=Limits.from_settings(conf), stdin=sys.stdin, on_item=on_item,
                                           on_file=lambda _source: bar.advance(task))
    except LagebildError as exc:
        _fail(exc)
    out.print(f"ingested {len(report.added)} new article(s), {len(report.existing)} already stored, "
              f"{len(report.problems)} skipped")
    if report.problems:
        raise typer.Exit(EXIT_SKIPPED)


def _engine_name(value: str) -> str:
    if value not in services.ENGINES:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(map(repr, services.ENGINES))}")
    return value


def _interval(text: str) -> float:
    """Seconds in ``90``, ``90s``, ``15m``, ``1h`` or ``1.5h``."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", text.lower())
    if match is None:
        _fail(ValueError(f"--every takes a number of seconds, minutes or hours (90s, 15m, 1h), not {text!r}"))
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[match.group(2)]


@app.command()
def watch(
    sources: Annotated[list[str], typer.Argument(
        metavar="FEED_OR_URL_LIST...",
        help="Feed or page addresses (http, https), or files that list one address a line.")],
    db: DbOption = None,
    every: Annotated[str, typer.Option(metavar="INTERVAL", help="Time between rounds: 90s, 15m, 1h.")] = "15m",
    rounds: Annotated[Optional[int], typer.Option(metavar="N", show_default="until Ctrl-C",
                                                  help="Stop after N rounds.")] = None,
    follow: Annotated[bool, typer.Option(
        "--follow/--no-follow",
        help="Read a feed entry from the page it links to (main text, title, date); "
             "--no-follow keeps the feed's own text.")] = True,
    pause: Annotated[float, typer.Option(metavar="SECONDS",
                                         help="Time between two requests to the same host.")] = 1.0,
    state: Annotated[Optional[Path], typer.Option(
        metavar="PATH",
        help="Remember what each source answered (ETag, Last-Modified, entries read) in this JSON file, so "
             "that a later watch (say --rounds 1 from cron) asks conditionally and reads no entry twice.")] = None,
    workers: WorkersOption = None,
    max_bytes: MaxBytesOption = None,
) -> None:
    """Follow live feeds and pages: every round, ingest, analyse and link what is new.

    Each round asks every source with a conditional GET (ETag, Last-Modified), stores the new items, analyses and links them, and prints one line. Ctrl-C stops cleanly; what was stored is kept. The exit code is 3 when anything was skipped (each reported with its address and reason).
    """
    seconds = _interval(every)
    urls: list[str] = []
    for name in sources:
        listed = read_url_list(name)
        if isinstance(listed, InputError):
            _fail(listed)
        urls += listed
    conf = _settings(db=db, workers=workers, max_bytes=max_bytes)
    skipped = done = 0
    try:
        store = _open(db, create=True)
        watcher = Watch(urls, limits=Limits.from_settings(conf), follow=follow, pause=max(0.0, pause))
        if state is not None and (unread := watcher.load(state)) is not None:
            console.print(f"[yellow]warning[/yellow] {unread.source}: {unread.reason}", highlight=False)

        def on_item(item: Any, added: bool | None) -> None:
            if added is None:
                console.print(f"[yellow]skipped[/yellow] {item.source}: {item.reason}", markup=True, highlight=False)

        while rounds is None or done < rounds:
            started = time.monotonic()
            report = services.watch_round(store, watcher, stages=conf.stages, workers=conf.worker_count,
                                          on_item=on_item)
            done += 1
            skipped += len(report.ingest.problems)
            if state is not None and (unsaved := watcher.save(state)) is not None:
                console.print(f"[yellow]warning[/yellow] {unsaved.source}: {unsaved.reason}", highlight=False)
            line = (f"{time.strftime('%H:%M:%S')} round {report.round}: {report.sources} source(s), "
                    f"{report.unchanged} unchanged, {report.changed} changed, {report.failed} failed; "
                    f"{len(report.ingest.added)} new article(s), {len(report.ingest.existing)} already stored, "
                    f"{len(report.ingest.problems)} skipped")
            if report.analysis is not None:
                line += f"; analysed {len(report.analysis.analyzed)}; " + link_summary(report.linked or {})
            typer.echo(line)
            if rounds is None or done < rounds:
                time.sleep(max(0.0, seconds - (time.monotonic() - started)))
    except KeyboardInterrupt:
        console.print(f"stopped after {done} round(s); everything stored so far is kept")
    except LagebildError as exc:
        _fail(exc)
    if skipped:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def analyze(
    db: DbOption = None,
    workers: WorkersOption = None,
    force: Annotated[bool, typer.Option(help="Re-analyse every article, not only what changed.")] = False,
    engine: Annotated[str, typer.Option(callback=_engine_name, help="Where the stages run: "
                                        "'local' (worker processes on this machine) or 'ray' (one Ray actor "
                                        "per worker; needs the 'ray' extra).")] = "local",
    ray_address: Annotated[Optional[str], typer.Option(
        "--ray-address", help="With --engine ray: the Ray cluster to join (host:port or ray://…); default "
                              "$RAY_ADDRESS, else a Ray started on this machine for the run.")] = None,
) -> None:
    """Run the per-article stages on articles not yet analysed with the current stage versions."""
    conf = _settings(db=db, workers=workers)
    try:
        store = _open(db)
        with _tracked("analyze") as progress:
            # Ray: --workers 0 (the default) means one actor per CPU of the cluster, not of this machine
            count = conf.workers if engine == "ray" else conf.worker_count
            report = services.analyze(store, stages=conf.stages, workers=count, force=force,
                                      progress=progress, engine=engine, ray_address=ray_address)
    except LagebildError as exc:
        _fail(exc)
    for source, reason in report.problems:
        console.print(f"[yellow]failed[/yellow] {source}: {reason}")
    out.print(f"analyzed {len(report.analyzed)} article(s), {report.up_to_date} already up to date, "
              f"{len(report.problems)} failed")
    if report.problems:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def link(
    db: DbOption = None,
    full: Annotated[bool, typer.Option(help="Recompute all links instead of adding what is new.")] = False,
) -> None:
    """Link articles: canonical entities, stories, facts, origins, discrepancies, timeline, summaries."""
    try:
        store = _open(db)
        with _tracked("link") as progress:
            stats = services.link_store(store, full=full, progress=progress)
    except LagebildError as exc:
        _fail(exc)
    out.print(link_summary(stats))


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def link_summary(stats: dict[str, Any]) -> str:
    """What a link run did, in one line a person reads: how many articles it linked and how long it
    took, then the new facts, the stories touched and the discrepancies (and duplicates found);
    "nothing new to link" where it had no article to link."""
    seconds = float(stats.get("seconds") or 0.0)
    took = f"{seconds:.1f} s" if seconds >= 0.1 else f"{seconds * 1000:.0f} ms"
    articles = int(stats.get("articles") or 0)
    if not articles:
        return f"nothing new to link ({took})"
    parts = [_count(int(stats.get("facts") or 0), "new fact", "new facts"),
             _count(int(stats.get("stories_touched") or 0), "story touched", "stories touched"),
             _count(int(stats.get("discrepancies") or 0), "discrepancy", "discrepancies")]
    if stats.get("duplicates"):
        parts.append(_count(int(stats["duplicates"]), "duplicate article", "duplicate articles"))
    how = ", all links recomputed" if stats.get("full") else ""
    return f"linked {_count(articles, 'article', 'articles')} in {took}{how}: " + ", ".join(parts)


#: export formats: name -> (writer of the export document to a path or None for the JSON itself,
#: what -o names, whether the format may go to stdout, what --help says of it)
EXPORT_FORMATS: dict[str, tuple[Callable[[dict[str, Any], Path], Any] | None, str, bool, str]] = {
    "json": (None, "file", True, "the JSON contract lagebild/1"),
    "csv": (exporters.write_csv, "folder", False, "entities.csv, events.csv, facts.csv"),
    "graphml": (exporters.write_graphml, "file", False, "entities and facts as a graph (Gephi)"),
    "ftm": (exporters.write_ftm, "file", True, "FollowTheMoney entities as JSON Lines (Aleph, OpenAleph)"),
}
#: the transfer register (every SUPPLY fact, as the page's /register shows it): name -> (writer, what)
REGISTER_FORMATS: dict[str, tuple[Callable[[Any], str | bytes], str]] = {
    "register-csv": (register.register_csv, "the transfer register as CSV"),
    "register-xlsx": (register.register_xlsx, "the transfer register as an Excel workbook"),
}


@app.command()
def export(
    db: DbOption = None,
    format: Annotated[str, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help="; ".join([f"{name}: {what[3]}" for name, what in EXPORT_FORMATS.items()]
                       + [f"{name}: {what[1]}" for name, what in REGISTER_FORMATS.items()]) + ".")] = "json",
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", metavar="PATH",
        help="The file to write (a folder for csv); json and ftm go to stdout without it.")] = None,
    story: Annotated[Optional[str], typer.Option(metavar="ID", help="Only this story id.")] = None,
) -> None:
    """Export the situation picture (JSON contract lagebild/1, CSV tables, GraphML or FollowTheMoney)."""
    if format in REGISTER_FORMATS:
        _export_register(db, format, output)
        return
    if format not in EXPORT_FORMATS:
        _fail(ValueError(f"unknown format {format!r}; choose {', '.join([*EXPORT_FORMATS, *REGISTER_FORMATS])}"))
    writer, _target, to_stdout, _what = EXPORT_FORMATS[format]
    if output is None and not to_stdout:
        _fail(ValueError(f"--format {format} needs -o"))
    try:
        doc = services.export_picture(_open(db), story_id=story)
    except LagebildError as exc:
        _fail(exc)
    if output is None:
        if format == "json":
            out.print(json.dumps(doc, ensure_ascii=False, indent=1), markup=False, highlight=False, soft_wrap=True)
        else:  # JSON Lines: one line per record, straight to stdout
            sys.stdout.writelines(exporters.ftm_lines(doc))
        return
    if writer is None:
        output.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        writer(doc, output)
    console.print(f"wrote {output}")


def _export_register(db: Optional[str], format: str, output: Optional[Path]) -> None:
    """Write the transfer register (all SUPPLY facts, by time) to ``output``, CSV also to stdout."""
    writer = REGISTER_FORMATS[format][0]
    if output is None and format != "register-csv":
        _fail(ValueError(f"--format {format} needs -o"))
    try:
        body = writer(register.transfer_register(_open(db)))
    except LagebildError as exc:
        _fail(exc)
    if output is None:
        sys.stdout.write(str(body))
        return
    if isinstance(body, bytes):
        output.write_bytes(body)
    else:
        output.write_text(body, encoding="utf-8")
    console.print(f"wrote {output}")


@app.command()
def report(
    db: DbOption = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path("lagebild-report.html"),
) -> None:
    """Write one self-contained HTML report: stories, summary, facts, timeline, entities, sources."""
    try:
        html.write_report(_open(db), output)
    except LagebildError as exc:
        _fail(exc)
    out.print(f"report written to {output}")


@app.command()
def info(db: DbOption = None, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """What the store holds: counts, languages, date range."""
    try:
        data = queries.info(_open(db))
    except LagebildError as exc:
        _fail(exc)
    if as_json:
        out.print_json(data=data)
        return
    table = Table(title=f"lagebild store {data['url']}")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in data["counts"].items():
        table.add_row(key, str(value))
    out.print(table)
    out.print(f"languages: {data['languages']}  published: {data['published'][0]} … {data['published'][1]}")


@app.command()
def demo(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for lagebild-demo.db and lagebild-demo.html.")] = Path("."),
    workers: WorkersOption = None,
) -> None:
    """Build the situation picture of the bundled demo corpus and write its HTML report."""
    conf = _settings(workers=workers)
    try:
        summary = run_demo(out_dir, workers=conf.worker_count, console=console)
    except LagebildError as exc:
        _fail(exc)
    typer.echo(summary)  # plain text: paths must never be cropped or wrapped


@app.command(name="eval")
def eval_(
    task: Annotated[str, typer.Argument(help="ner, timex, quotes, events or stories.")],
    gold: Annotated[Optional[Path], typer.Option(help="Gold file or folder (events and stories have a packaged default).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    subset: Annotated[Optional[str], typer.Option(help="quotes on train/: tune or heldout.")] = None,
    limit: Annotated[Optional[int], typer.Option(help="Only the first N gold items (quick checks).")] = None,
    errors: Annotated[Optional[Path], typer.Option(help="quotes: write gold vs predicted per document (JSONL); not on heldout.")] = None,
    split: Annotated[Optional[str], typer.Option(help="events on a corpus folder, stories: only <split>.jsonl files (train, dev, test).")] = None,
    language: Annotated[Optional[str], typer.Option("--language", "--lang", help="events on a corpus folder: only this language; timex, ner: the language of the texts (de, en).")] = None,
    data: Annotated[Optional[Path], typer.Option(help="events on a corpus folder, stories: the data folder the sources are read from (default ../shared/data).")] = None,
    work_db: Annotated[Optional[Path], typer.Option(help="stories: a scratch store that keeps analyses between runs (default: a temporary one; never your own store).")] = None,
) -> None:
    """Score lagebild's extractors against gold data (precision, recall, F1)."""
    from lagebild import eval as evaluation  # lazy: its scorers import scipy, which no other command needs

    if task not in evaluation.TASKS:
        _fail(ValueError(f"unknown task {task!r}; choose from {', '.join(evaluation.TASKS)}"))
    kwargs = {"limit": limit}
    if subset:
        kwargs["subset"] = subset
    if errors:
        kwargs["errors"] = errors
    for name, value in (("split", split), ("language", language), ("data_root", data), ("db", work_db)):
        if value is not None:
            kwargs[name] = value
    if task == "stories":  # the eval harness scores the link stage without importing it
        kwargs["system"] = services.link_apart
    try:
        with _tracked(f"eval {task}") as progress:
            result = evaluation.evaluate(task, gold, progress=progress, **kwargs)
    except LagebildError as exc:
        _fail(exc)
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
        return
    tables = evaluation.format_table(result)
    for table in tables if isinstance(tables, list) else [tables]:
        out.print(table)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind (loopback unless told otherwise).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(help="Server worker processes.")] = 1,
) -> None:
    """Serve the REST API (/api/v1, /openapi.json) and the web page.

    Writing (POST /api/v1/articles) is enabled only when LAGEBILD_API_TOKEN is set.
    """
    from lagebild.app import serve as run_server  # lazy: FastAPI and the app (~0.3 s), only serve needs them

    try:
        _open(db).close()  # a mistyped --db is an error here, not an empty store served
    except LagebildError as exc:
        _fail(exc)
    run_server(_settings(db=db).db, host, port, workers=workers)


@entities_app.command("list")
def entities_list(
    db: DbOption = None,
    query: Annotated[Optional[str], typer.Option("--query", "-q", help="Only entities with a matching alias.")] = None,
) -> None:
    """List canonical entities with their aliases."""
    try:
        doc_entities = queries.list_entities_by_mentions(_open(db), query)
    except LagebildError as exc:
        _fail(exc)
    table = Table("id", "type", "name", "aliases", "mentions")
    for e in doc_entities:
        table.add_row(e["id"], e["type"], e["name"], ", ".join(e["aliases"])[:80], str(e["mentions"]))
    out.print(table)


@entities_app.command("merge")
def entities_merge(a: str, b: str, db: DbOption = None) -> None:
    """State that A and B (entity ids or names) are the same entity; it survives every later run."""
    try:
        services.judge(_open(db), a, b, "same")
    except LagebildError as exc:
        _fail(exc)
    out.print(f"recorded: {a} = {b}")


@entities_app.command("split")
def entities_split(a: str, b: str, db: DbOption = None) -> None:
    """State that A and B (entity ids or names) are different entities; it survives every later run."""
    try:
        services.judge(_open(db), a, b, "different")
    except LagebildError as exc:
        _fail(exc)
    out.print(f"recorded: {a} ≠ {b}")


@entities_app.command("speaks-for")
def entities_speaks_for(
    person: Annotated[str, typer.Argument(help="The person (entity id or name), e.g. \"John Kirby\".")],
    body: Annotated[str, typer.Argument(help="Whom they speak for: a state or organisation name or key "
                                             "(\"Vereinigte Staaten\", \"org:nsc\") or any other name.")],
    db: DbOption = None,
) -> None:
    """State whom PERSON speaks for when counting independent origins; it wins over the role
    phrases in the articles and the curated table, and survives every later run."""
    try:
        services.judge(_open(db), person, body, "speaks_for")
    except LagebildError as exc:
        _fail(exc)
    out.print(f"recorded: {person} speaks for {body}")


def main() -> None:  # pragma: no cover
    app()
