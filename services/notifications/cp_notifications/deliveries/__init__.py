"""The delivery log: one row per email task, never the mail's content."""
