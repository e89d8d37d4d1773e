"""The ``unrender`` command's entry point.

``unrender check`` runs in editors and commit hooks on every save, so it must start fast: Typer
and Rich alone cost about 0.3 s of imports. A plain ``check`` call (no ``--help``) is parsed here
with argparse, mirroring the options of ``cli.check``; everything else goes to the Typer app.
"""

from __future__ import annotations

import sys

INTERNAL_ERROR = 2  # as ruff: 1 is "the input has errors", 2 "unrender could not finish"


def main() -> None:
    argv = sys.argv[1:]
    try:
        if argv[:1] == ["check"] and not {"-h", "--help"} & set(argv):
            sys.exit(_check(argv[1:]))
        from unrender.cli import main as typer_main

        typer_main()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # a bug of ours: said plainly, never as a traceback
        sys.exit(_internal_error(exc))


def _internal_error(exc: Exception) -> int:
    import os

    print(f"unrender: internal error: {type(exc).__name__}: {exc} (please report this; "
          "UNRENDER_DEBUG=1 prints the traceback)", file=sys.stderr)
    if os.environ.get("UNRENDER_DEBUG"):
        import traceback

        traceback.print_exception(exc)
    return INTERNAL_ERROR


def _check(args: list[str]) -> int:
    import argparse
    from pathlib import Path

    from unrender.lint import runner

    parser = argparse.ArgumentParser(prog="unrender check", add_help=False)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--select", action="append", default=[])
    parser.add_argument("--ignore", action="append", default=[])
    parser.add_argument("--format", dest="output_format", default="text",
                        choices=runner.OUTPUT_FORMATS)
    parser.add_argument("--fix", action="store_true")
    parser.add_argument("--unsafe-fixes", action="store_true")
    parser.add_argument("--diff", action="store_true")
    parser.add_argument("--from", dest="reader", default=None)
    parser.add_argument("--list-rules", action="store_true")
    parser.add_argument("--stdin-filename", default=None)
    options = parser.parse_args(args)
    if options.list_rules:
        print(runner.list_rules())
        return 0
    if not options.files:
        parser.error("give at least one FILE (unrender check --help)")
    problem = runner.option_problem(options.files, options.fix, options.diff, options.select,
                                    options.ignore)
    if problem:
        parser.error(problem)
    return runner.run(options.files, options.select, options.ignore, options.output_format,
                      options.fix, options.reader, stdin_name=options.stdin_filename,
                      unsafe_fixes=options.unsafe_fixes, diff=options.diff)
