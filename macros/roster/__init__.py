"""Changing and reviewing the roster: swap, override, plan, diff, report, CODEOWNERS, round-trip YAML edits.

Layer 5: may import every package below it (`model`, `schedule`, `rules`, `feeds`, `pages`).
"""
