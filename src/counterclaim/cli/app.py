"""The Typer application that every command module registers on."""

from __future__ import annotations

import sys
from typing import NoReturn

import typer
from rich.console import Console

app = typer.Typer(
    name="counterclaim",
    help="Extract, store and reconcile source-attributed casualty claims from news reporting.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def report_problem(message: str) -> None:
    """Print one line about a problem with one input, on standard error."""
    stderr.print(f"counterclaim: {message}", markup=False)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one line on standard error and exit with the given status."""
    report_problem(message)
    raise typer.Exit(code)


def stdout_is_terminal() -> bool:
    """True when standard output is a terminal (tables then, JSON lines otherwise)."""
    return sys.stdout.isatty()
