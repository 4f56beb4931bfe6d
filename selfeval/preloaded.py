"""Imported for its effect by the fork server of a Dask worker (``selfeval.executors``): every
reader imported and jieba's dictionary loaded once in that single-threaded process, so the child
forked from it for each file starts warm."""

from selfeval.convert import preload_readers

preload_readers(None)
