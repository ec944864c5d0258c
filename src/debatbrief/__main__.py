"""``python -m debatbrief`` and the ``debatbrief`` command."""

import signal


def run() -> None:
    """Start the command line.

    Until it has loaded (a tenth of a second), Ctrl-C ends the process the way the system
    does, without a traceback: nothing has been done yet. From then on ``cli.main`` handles
    it (one line, exit code 130).
    """
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    from debatbrief.cli.app import main

    main()


if __name__ == "__main__":
    run()
