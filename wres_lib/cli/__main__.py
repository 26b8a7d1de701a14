"""``python -m wres_lib.cli``: the same as the ``wres`` command."""

from wres_lib.cli.app import main

main()
