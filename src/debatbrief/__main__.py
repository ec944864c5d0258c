"""``python -m debatbrief``: the same as the ``debatbrief`` command."""

from .cli import main

main()
