"""Placeholder until the check subcommand lands (being written)."""


def register(sub) -> None:
    pass
