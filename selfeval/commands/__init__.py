"""Subcommands of ``selfeval``: each module defines ``register(subparsers)`` and sets ``func``."""
