"""`python -m netdesk` runs the command line (the window is its default command)."""

from netdesk.cli.main import main

raise SystemExit(main())
