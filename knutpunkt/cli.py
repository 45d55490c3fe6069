"""The `knutpunkt` console command: Django's management commands with Knutpunkt's settings.

knutpunkt demo            migrate, load the demo county and serve it on 127.0.0.1:8000
knutpunkt migrate         any other Django management command
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knutpunkt.settings")
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and args[1] == "demo":
        # Demo mode must be on before settings load: it lets demo accounts skip the second factor.
        os.environ.setdefault("KNUTPUNKT_DEMO", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
