"""Templates, checklists and common tasks: defaults and the parts that may not be empty."""

from __future__ import annotations

import pydantic
import pytest

from macros.model.content_types import Checklist, CommonTask, Template


def test_a_template_is_a_reply_unless_it_says_otherwise() -> None:
    template = Template.model_validate({"title": "Ack", "body": "Hello [[name]]"})
    assert (template.kind, template.fields) == ("reply", [])


def test_a_checklist_needs_a_section_with_an_item() -> None:
    checklist = Checklist.model_validate({"title": "Start", "sections": [{"title": "First", "items": ["Read"]}]})
    assert checklist.ticks_kept_for == "period"
    with pytest.raises(pydantic.ValidationError):
        Checklist.model_validate({"title": "Start", "sections": [{"title": "First", "items": []}]})


def test_a_common_task_needs_steps() -> None:
    task = {"title": "T", "rotation": "duty", "symptom": "S", "updated_by": "ana", "updated": "2026-12-01"}
    with pytest.raises(pydantic.ValidationError, match="steps"):
        CommonTask.model_validate({**task, "steps": []})
    assert CommonTask.model_validate({**task, "steps": ["Do it"]}).steps == ["Do it"]
