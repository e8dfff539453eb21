#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

# The kit's commands (slicekit, a development dependency) run with the test settings, the only
# settings that install its Django app: the boundary checks and the scaffolder. No server or
# worker loads the kit.
KIT_COMMANDS = {"check", "checkall", "lintproducts", "openapi", "startpackage", "startproduct"}
# These also watch the model lookups made while the apps load (startup-lookup).
WATCH_STARTUP_LOOKUPS = {"check", "checkall"}


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    default = "config.settings.test" if command in KIT_COMMANDS else "config.settings.dev"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default)
    from django.core.management import execute_from_command_line

    if command in WATCH_STARTUP_LOOKUPS:
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
