"""debatbrief: turn a position letter into per-fractie briefings, rebuttal cards and a lookup.

The core (load, select, render, pdf, cards, lookup) knows nothing of the command line;
`debatbrief.cli.app` is the only module that imports typer or rich.
"""

__version__ = "0.2.0"
