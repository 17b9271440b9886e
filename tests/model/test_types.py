"""The model's one import surface lists every class of the modules it gathers."""

from __future__ import annotations

import inspect

import pydantic

from macros.model import content_types, fields, people_types, rotation_types, types


def test_every_model_class_is_listed_where_the_code_imports_it() -> None:
    defined = {
        name
        for module in (fields, people_types, rotation_types, content_types)
        for name, value in vars(module).items()
        if inspect.isclass(value) and value.__module__ == module.__name__ and issubclass(value, pydantic.BaseModel)
    }
    assert len(defined) > 30
    assert defined <= set(types.__all__)
    assert all(getattr(types, name) is not None for name in types.__all__)
