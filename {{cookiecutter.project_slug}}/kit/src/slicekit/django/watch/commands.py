"""runtime-command: running another product's management command in process.

``call_command`` by name, by command object or by class, and ``ManagementUtility``, all run
``BaseCommand.execute``; the command belongs to the product whose package defines its class.
"""

import sys
from typing import Any

from django.core.management.base import BaseCommand

from slicekit.django.watch import Judge, Undo, patch
from slicekit.rules import rule

RULE = rule("runtime-command")


def install(judge: Judge) -> Undo:
    execute = BaseCommand.execute

    def executed(self: BaseCommand, *args: Any, **options: Any) -> Any:
        module = type(self).__module__
        owner = judge.owners.module_owner(module)
        if owner is not None:
            name = module.rpartition(".")[2]
            judge.use(owner, RULE, f"runs the management command {name!r}", sys._getframe(1))
        return execute(self, *args, **options)

    return patch(BaseCommand, "execute", executed)
