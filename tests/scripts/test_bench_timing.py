"""How the benchmark times commands and judges a figure."""

from __future__ import annotations

from bench_timing import Figure, interleaved


def test_commands_run_in_turn_after_a_warmup() -> None:
    calls: list[str] = []

    def command(label: str, seconds: float) -> tuple[float, float]:
        calls.append(label)
        return seconds, seconds / 2

    timings = interleaved({"a": lambda: command("a", 1.0), "b": lambda: command("b", 3.0)}, runs=3)
    assert calls == ["a", "b"] * 4
    assert (timings["a"].wall, timings["b"].cpu) == ([1.0, 1.0, 1.0], [1.5, 1.5, 1.5])
    assert timings["b"].wall_median / timings["a"].wall_median == 3.0


def test_a_figure_says_whether_it_met_its_target() -> None:
    assert Figure("x", 0.9, "s", 1.0).met is True
    assert Figure("x", 1.2, "×", 1.15).line().endswith("MISSED")
    assert Figure("x", 3.0, "KB").met is None
