"""Placeholder until the batch subcommand lands (being written)."""


def register(sub) -> None:
    pass
