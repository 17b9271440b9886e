"""What the site publishes for machines: calendar events and iCalendar files, their revisions from git, JSON for bots.

Layer 3: may import `macros.model`, `macros.schedule` and `macros.rules`.
"""
