#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

# The commands that run the boundary checks watch the model lookups made while the apps load
# (boundaries.E016), with the kit (slicekit, a development dependency). No other process, and
# no server, loads the kit or has Django's lookups wrapped.
WATCH_STARTUP_LOOKUPS = {"check", "checkall"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    if sys.argv[1:2] and sys.argv[1] in WATCH_STARTUP_LOOKUPS:
        watch_startup_lookups()
    execute_from_command_line(sys.argv)


def watch_startup_lookups() -> None:
    try:
        from slicekit.django import lookups
    except ModuleNotFoundError:  # an image without the development dependencies
        return
    lookups.install(os.path.dirname(os.path.abspath(__file__)))


if __name__ == "__main__":
    main()
