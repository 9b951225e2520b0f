"""`python run_radicale.py --config FILE`: Radicale's own main program with fsync off, the
switch Radicale's own tests use (a private option that a config file may not set). Test data
need not survive a power cut, and a PUT is then several times faster."""

import sys

from radicale import __main__ as radicale_main
from radicale import config

_load = config.load


def _load_without_fsync(*args, **kwargs):  # type: ignore[no-untyped-def]
    configuration = _load(*args, **kwargs)
    configuration.update(
        {"storage": {"_filesystem_fsync": "False"}}, "netdesk tests", privileged=True
    )
    return configuration


config.load = _load_without_fsync
radicale_main.run()
sys.exit(0)
