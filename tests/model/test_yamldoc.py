from pathlib import Path

import pytest

from macros.model.findings import DataError
from macros.model.yamldoc import parse_text, read_document


def error_of(text: str) -> str:
    with pytest.raises(DataError) as caught:
        parse_text(text, "data/x.yml")
    assert len(caught.value.findings) == 1
    return caught.value.findings[0].format()


def test_scalars_keep_the_text_the_user_wrote() -> None:
    document = parse_text("time: 10:30\nflag: no\nhandle: 0123\ncountry: NO\nempty:\nquoted: 'null'\n", "x.yml")
    assert document.data == {
        "time": "10:30",
        "flag": "no",
        "handle": "0123",
        "country": "NO",
        "empty": None,
        "quoted": "null",
    }


def test_source_map_points_at_values_and_keys() -> None:
    document = parse_text("a:\n  - x\n  - {y: 1}\n", "x.yml")
    assert document.source.values[("a", 1, "y")] == (3, 9)
    assert document.source.keys[("a", 1, "y")] == (3, 6)
    assert str(document.source.locate(("a", 1, "missing"))) == "x.yml:3:5"


def test_duplicate_key_names_both_lines() -> None:
    assert error_of("a: 1\nb: 2\na: 3\n") == (
        "data/x.yml:3:1: error[yaml]: duplicate key 'a' (first written on line 1) (keep only one of them)"
    )


def test_alias_is_refused_where_it_is_used() -> None:
    assert error_of("a: &x [1]\nb: *x\n") == (
        "data/x.yml:2:4: error[yaml]: YAML aliases (*name) are not supported (write the value out in full)"
    )


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    assert "aliases" in error_of("\n".join(lines) + "\n")


def test_merge_key_and_custom_tags_are_refused() -> None:
    assert "merge keys" in error_of("<<: {a: 1}\n")
    assert error_of("a: !!python/object:os.system x\n").startswith("data/x.yml:1:4: error[yaml]: the YAML tag")


def test_invalid_yaml_reports_the_line() -> None:
    assert error_of("a: 1\nb: [1, 2\n").startswith("data/x.yml:3:1: error[yaml]: invalid YAML:")


def test_empty_file() -> None:
    assert error_of("# only a comment\n") == (
        "data/x.yml:1:1: error[yaml]: the file is empty (add the fields this file needs, or delete it)"
    )


def test_not_utf8(tmp_path: Path) -> None:
    file = tmp_path / "x.yml"
    file.write_bytes(b"a: 1\nb: \xff\n")
    with pytest.raises(DataError) as caught:
        read_document(file, "data/x.yml")
    assert (
        caught.value.findings[0].format()
        == "data/x.yml:2:1: error[yaml]: the file is not valid UTF-8 (save it as UTF-8)"
    )
