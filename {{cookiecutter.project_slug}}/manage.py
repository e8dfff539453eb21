#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

# The commands that run the boundary checks watch the model lookups made while the apps load
# (boundaries.E016). No other process, and no server, has Django's lookups wrapped.
WATCH_STARTUP_LOOKUPS = {"check", "checkall"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    if sys.argv[1:2] and sys.argv[1] in WATCH_STARTUP_LOOKUPS:
        from core import lookups

        lookups.install()
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
