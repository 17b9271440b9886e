"""`eligibility`: a role that names tags or teams is held only by people who have one of each."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from macros.model.findings import Finding
from macros.model.types import Eligibility, Person, RuleSettings
from macros.rules.base import Context, Rule
from macros.rules.slots import join_words, once_per_place
from macros.schedule.expansion import Expansion

_SHOWN = 5  # eligible people named in a hint


def _quoted(values: list[str]) -> str:
    return join_words([f"'{value}'" for value in values], "or")


def missing(eligible: Eligibility, person: Person) -> list[str]:
    """What `person` lacks for the role, in words; empty when they may hold it."""
    lacks = []
    tags, teams = eligible.tags, eligible.teams
    if tags and not set(tags) & set(person.tags):
        lacks.append(f"{'the tag' if len(tags) == 1 else 'one of the tags'} {_quoted(tags)}")
    if teams and person.team not in teams:
        lacks.append(f"to be in {'the team' if len(teams) == 1 else 'one of the teams'} {_quoted(teams)}")
    return lacks


def _who_qualifies(eligible: Eligibility, people: Mapping[str, Person]) -> str:
    """A hint naming the first few people who may hold the role."""
    who = [person_id for person_id, person in people.items() if not missing(eligible, person)]
    if not who:
        return "nobody qualifies yet: add the tag or team to someone in data/people/"
    return f"pick someone who qualifies: {', '.join(who[:_SHOWN])}{', …' if len(who) > _SHOWN else ''}"


class EligibilityRule(Rule):
    id = "eligibility"
    description = "A role restricted to tags or teams is held only by people who have them."
    settings_field = "eligibility"

    def check_rotation(self, context: Context, expansion: Expansion, settings: RuleSettings) -> Iterable[Finding]:
        people = context.project.people
        rotation = expansion.rotation
        hints: dict[str, str] = {}
        for assignment in once_per_place(expansion.assignments):
            role = rotation.role(assignment.role)
            person = people.get(assignment.person)
            if role is None or role.eligible is None or person is None:
                continue  # unknown roles and people are reported by the schedule and roster checks
            lacks = missing(role.eligible, person)
            if not lacks:
                continue
            if role.id not in hints:
                hints[role.id] = _who_qualifies(role.eligible, people)
            yield self.finding(
                context,
                expansion.rotation_id,
                assignment.where,
                f"{assignment.person} cannot be {role.title}: needs {' and '.join(lacks)}",
                hints[role.id],
                settings=settings,
            )
