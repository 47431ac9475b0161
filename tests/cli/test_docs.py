"""Every command and option is documented (as datasette and sqlite-utils check theirs)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from tidings.cli import app

REFERENCE = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")


def commands():
    root = typer.main.get_command(app)
    for name, command in root.commands.items():
        for sub, subcommand in getattr(command, "commands", {}).items():
            yield f"{name} {sub}", subcommand
        if not hasattr(command, "commands"):
            yield name, command


@pytest.mark.parametrize("name, command", list(commands()), ids=[name for name, _ in commands()])
def test_every_command_and_option_is_in_the_reference(name, command):
    heading = f"## `tidings {name}`"
    assert heading in REFERENCE, f"docs/cli.md has no section for tidings {name}: run scripts/cli-reference"
    section = REFERENCE.split(heading, 1)[1].split("\n## ", 1)[0]
    for param in command.params:
        for option in param.opts:
            if option != "--help" and param.param_type_name == "option":
                assert f"`{option}`" in section, f"{option} of tidings {name} is not in docs/cli.md"
