"""Dutch for the messages of click and typer, whatever the locale.

click and typer translate their own messages ("Usage:", "Invalid value for ...", the
help headings) with the standard library's ``gettext``, in its default domain
(``messages``) and in the language the environment names (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``). debatbrief speaks Dutch to every user, also under ``LC_ALL=C``
(which makes ``gettext`` stop looking), so :func:`install` answers the default domain from
the Dutch catalog shipped inside the package: ``locale/nl/LC_MESSAGES/messages.mo``,
compiled with Babel from ``messages.po`` beside it (the .po's header says how to update it).

Part of the CLI layer: the core never needs it.
"""

from __future__ import annotations

import gettext

#: The catalog inside the package (beside this module in a checkout and in an installed
#: wheel; through importlib.resources for a package that is not a folder, such as a zip).
CATALOG = ("locale", "nl", "LC_MESSAGES", "messages.mo")


def catalog() -> gettext.GNUTranslations:
    """The shipped Dutch catalog. Raises OSError when the package lacks it."""
    import os

    # Read beside this file when it is a file: importing importlib.resources costs `rebut`
    # about 5 ms of its start-up, every run.
    beside = os.path.join(os.path.dirname(__file__), *CATALOG)
    if os.path.isfile(beside):
        with open(beside, "rb") as handle:
            return gettext.GNUTranslations(handle)
    from importlib.resources import files

    resource = files(__package__).joinpath(*CATALOG)
    with resource.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def install() -> None:
    """Answer ``gettext``'s default domain in Dutch, for this process.

    ``gettext.gettext`` and ``gettext.ngettext`` (which click and typer bound at import
    time) look up ``gettext.dgettext`` and ``gettext.dngettext`` on every call, so
    replacing those two reaches every message, whatever was imported first. Call it before
    typer is imported: typer translates its help headings once, at import. Other domains
    are left to the standard library. Idempotent.
    """
    if getattr(gettext.dgettext, "debatbrief", False):
        return
    dutch = catalog()
    default_dgettext, default_dngettext = gettext.dgettext, gettext.dngettext

    def dgettext(domain: str, message: str) -> str:
        if domain == "messages":
            return dutch.gettext(message)
        return default_dgettext(domain, message)

    def dngettext(domain: str, msgid1: str, msgid2: str, n: int) -> str:
        if domain == "messages":
            return dutch.ngettext(msgid1, msgid2, n)
        return default_dngettext(domain, msgid1, msgid2, n)

    dgettext.debatbrief = dngettext.debatbrief = True  # type: ignore[attr-defined]
    gettext.dgettext, gettext.dngettext = dgettext, dngettext
