"""`sparring validate`: dataset checks on an export, as a table or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from simulator.errors import ConfigError
from storage.exchange.checks.results import Report
from storage.exchange.checks.sample import LABEL_FIELDS
from storage.exchange.checks.settings import (
    ADVISORY,
    Thresholds,
    parse_promoted,
    parse_target_distribution,
)
from storage.exchange.checks.validate import validate
from storage.exchange.formats import FORMATS, Format
from storage.exchange.splits import STRATA
from tui.console import console

STATUS_STYLES = {"pass": "green", "warn": "yellow", "fail": "bold red", "skip": "dim"}


def _fraction(flag: str, value: float) -> float:
    if not 0 <= value <= 1:
        raise ConfigError(f"{flag} = {value:g}; expected a fraction from 0 to 1")
    return value


def report_table(report: Report) -> Table:
    files = ", ".join(f"{f.path.name} {f.samples:,}" for f in report.files)
    table = Table(title=f"validate {report.path} ({report.format}: {files})",
                  title_justify="left")
    table.add_column("check")
    table.add_column("kind")
    table.add_column("status")
    table.add_column("finding", overflow="fold")
    for check in report.checks:
        table.add_row(check.name, "required" if check.required else "advisory",
                      Text(check.status, style=STATUS_STYLES[check.status]), check.finding)
    return table


def verdict(report: Report) -> str:
    failed = [c.name for c in report.checks if c.status == "fail"]
    counts = f"{report.count('warn')} warnings, {report.count('skip')} skipped"
    if failed:
        return f"[bold red]failed[/]: {', '.join(failed)} ({counts})"
    return f"[green]passed[/]: every required check ({counts})"


@click.command("validate")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "format_", type=click.Choice(FORMATS), default=None,
              help="Force the format. Default: by extension, then the first JSON line's keys "
              "or the CSV header.")
@click.option("--min-samples", type=click.IntRange(min=0), default=10, show_default=True,
              help="Fewer samples fail (10: too few to learn anything from).")
@click.option("--recommended-samples", type=click.IntRange(min=0), default=1000,
              show_default=True, help="Fewer samples warn (1,000+ make fine-tuning reliable).")
@click.option("--min-classes", type=click.IntRange(min=1), default=2, show_default=True,
              help="Fewer distinct personas, bots or categories fail.")
@click.option("--min-class-share", type=float, default=0.05, show_default=True,
              help="A persona, bot or category rarer than this share warns.")
@click.option("--score", default=None, metavar="FIELD",
              help="The score field. Default: sharegpt `score`, pairs `chosen_score` and "
              "`rejected_score`, turns `judge.reply_quality.overall` else the turn's quality "
              "from its metrics.")
@click.option("--min-score-std", type=float, default=0.05, show_default=True,
              help="A smaller standard deviation of the scores fails "
              "(scores that barely vary teach nothing).")
@click.option("--tier-tolerance", type=float, default=0.10, show_default=True,
              help="How far each score tier's share may be from 25/50/25%.")
@click.option("--target-distribution", default=None, metavar="NAME=SHARE,...|FILE",
              help="Target shares of --distribution-field, such as technical=0.3,creative=0.2,"
              "... or a YAML file; without it the distribution check is skipped.")
@click.option("--distribution-field", type=click.Choice(LABEL_FIELDS), default="category",
              show_default=True, help="The label the target distribution is about.")
@click.option("--distribution-tolerance", type=float, default=0.05, show_default=True,
              help="How far each share may be from its target.")
@click.option("--stratify", type=click.Choice(STRATA), default="persona", show_default=True,
              help="What splits should be stratified by (as `sparring export --stratify`).")
@click.option("--require", "promoted", multiple=True, metavar="CHECK",
              help=f"Make an advisory check required ({', '.join(ADVISORY)}, or all); "
              "repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def validate_command(path: Path, format_: Format | None, min_samples: int,
                     recommended_samples: int, min_classes: int, min_class_share: float,
                     score: str | None, min_score_std: float, tier_tolerance: float,
                     target_distribution: str | None, distribution_field: str,
                     distribution_tolerance: float, stratify: str, promoted: tuple[str, ...],
                     as_json: bool) -> None:
    """Check an export before training on it: size, variety, scores, duplicates, leakage.

    PATH is a file written by `sparring export` (any format), or the --out of a split
    export (its .train, .val and .test files are checked together, with leakage and
    stratification across them). Exit code 0 when every required check passes, 1 when
    one fails, 2 when the input cannot be read.
    """
    if min_score_std < 0:
        raise ConfigError(f"--min-score-std = {min_score_std:g}; expected 0 or more")
    thresholds = Thresholds(
        min_samples=min_samples, recommended_samples=recommended_samples,
        min_classes=min_classes,
        min_class_share=_fraction("--min-class-share", min_class_share),
        score=score, min_score_std=min_score_std,
        tier_tolerance=_fraction("--tier-tolerance", tier_tolerance),
        target_distribution=parse_target_distribution(target_distribution)
        if target_distribution is not None else None,
        distribution_field=distribution_field,
        distribution_tolerance=_fraction("--distribution-tolerance", distribution_tolerance),
        stratify=stratify, promoted=parse_promoted(promoted))
    report = validate(path, thresholds, format_)
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2))
    else:
        console.print(report_table(report))
        console.print(verdict(report))
    if not report.passed:
        raise SystemExit(1)
