"""Time and the schedule: local wall-clock time, the build's clock, expanding rotations into shifts, who is on duty.

Layer 1: may import `macros.model`.
"""
