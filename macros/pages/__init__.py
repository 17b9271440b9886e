"""The Markdown and HTML of every page the handbook generates or fills in, and the small helpers they share.

Layer 4: may import `macros.model`, `macros.schedule`, `macros.rules` and `macros.feeds` (for feed paths).
"""
