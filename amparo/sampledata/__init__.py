"""Demo and sample data: the story case, generated cases, and the `amparo demo` command.

Kept apart from `core` (the bottom layer) because it writes through every app's services.
"""
