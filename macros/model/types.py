"""The typed model of everything under `data/`: one class per kind of file and per nested part.

These classes are the single source of truth for the data format: the loader validates files
against them, the "Editing the data" page and the JSON Schemas are generated from them, and the
field descriptions are what users read. Every scalar arrives as the text the user wrote
(see `yamldoc`), so pydantic's conversions decide what `"10:30"` or `"2026-09-07"` means.

The classes live in one module per kind of file (`people_types`, `rotation_types`, `content_types`) over
the shared building blocks (`fields`); this module is the one the rest of the code imports them from.
"""

from __future__ import annotations

from macros.model.content_types import (
    Checklist,
    ChecklistItem,
    ChecklistSection,
    CommonTask,
    Link,
    Template,
    TemplateField,
)
from macros.model.fields import (
    GITHUB_USER_PATTERN,
    IDENT_PATTERN,
    MAX_ID_LENGTH,
    Ident,
    Markdown,
    Strict,
    TimeZoneName,
    Weekday,
)
from macros.model.people_types import Absence, Channel, Contact, Meeting, Person, Team, WorkingHours
from macros.model.rotation_types import (
    CHANNEL_HEADER_FIELDS,
    Coverage,
    CycleRoleSplit,
    DailyShift,
    Eligibility,
    EscalationStep,
    Handoff,
    HandoverDeadline,
    Holder,
    MaxConsecutive,
    Override,
    Planning,
    Role,
    Rotation,
    RuleConfig,
    RuleSettings,
    ScheduledPeriod,
    Span,
    TeamMix,
)

__all__ = [
    "CHANNEL_HEADER_FIELDS",
    "GITHUB_USER_PATTERN",
    "IDENT_PATTERN",
    "MAX_ID_LENGTH",
    "Absence",
    "Channel",
    "Checklist",
    "ChecklistItem",
    "ChecklistSection",
    "CommonTask",
    "Contact",
    "Coverage",
    "CycleRoleSplit",
    "DailyShift",
    "Eligibility",
    "EscalationStep",
    "Handoff",
    "HandoverDeadline",
    "Holder",
    "Ident",
    "Link",
    "Markdown",
    "MaxConsecutive",
    "Meeting",
    "Override",
    "Person",
    "Planning",
    "Role",
    "Rotation",
    "RuleConfig",
    "RuleSettings",
    "ScheduledPeriod",
    "Span",
    "Strict",
    "Team",
    "TeamMix",
    "Template",
    "TemplateField",
    "TimeZoneName",
    "Weekday",
    "WorkingHours",
]
