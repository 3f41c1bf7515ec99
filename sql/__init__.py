"""SQL layer: parser front, binder, planner, executor, types, functions and sessions.

Importing the package imports nothing else, so leaf modules such as ``sql.errors`` and
``sql.sqlstate`` can be used by every layer without pulling in the engine.
"""
