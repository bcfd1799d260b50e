"""Placeholder until the review subcommand lands (being written)."""


def register(sub) -> None:
    pass
