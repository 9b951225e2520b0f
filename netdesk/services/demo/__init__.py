"""A realistic sample address book for `netdesk demo`, newcomers' first look and benchmarks.

loader.py runs it (one transaction, Core bulk inserts); events.py, people.py and meetings.py make
the rows; the names_*.py modules hold the word lists they draw from.
"""

from netdesk.services.demo.loader import DemoSummary, Progress, generate_demo

__all__ = ["DemoSummary", "Progress", "generate_demo"]
