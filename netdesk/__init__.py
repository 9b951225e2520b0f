"""netdesk: a desktop companion for professional networking."""

__version__ = "0.1.0"
