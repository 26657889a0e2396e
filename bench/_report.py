"""Markdown tables of throughput figures, and the ratios against the issue's targets."""
import math

from bench._load import LoadResult

Figures = dict[int, dict[str, LoadResult]]
TARGET_SAME_PROCESSES = 1.0
TARGET_TWO_PROCESSES = 1.8


def throughput_table(figures: Figures) -> str:
    lines = [
        "| concurrent | bot | answered | errors | msg/s | p50 ms | p95 ms | p99 ms |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for level, by_bot in figures.items():
        for name, result in by_bot.items():
            latencies = " | ".join(f"{result.percentile_ms(p):.0f}" for p in (50, 95, 99))
            lines.append(
                f"| {level} | {name} | {result.answered} | {sum(result.errors.values())} | "
                f"{result.per_second:.2f} | {latencies} |"
            )
    return "\n".join(lines)


def cpu_table(figures: Figures) -> str:
    """CPU milliseconds per answered message, by server process."""
    names = sorted(
        {name for by_bot in figures.values() for r in by_bot.values() for name in r.cpu_seconds}
    )
    lines = [
        "| concurrent | bot | " + " | ".join(names) + " |",
        "| ---: | --- | " + " | ".join("---:" for _ in names) + " |",
    ]
    for level, by_bot in figures.items():
        for bot, result in by_bot.items():
            answered = max(result.answered, 1)
            cells = [f"{1000 * result.cpu_seconds.get(name, 0.0) / answered:.0f}" for name in names]
            lines.append(f"| {level} | {bot} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def ratios(figures: Figures) -> dict[int, dict[str, float]]:
    values: dict[int, dict[str, float]] = {}
    for level, by_bot in figures.items():
        rate = {name: result.per_second for name, result in by_bot.items()}
        values[level] = {
            "ours_x1_over_stock": _ratio(rate.get("ours x1"), rate.get("stock x1")),
            "ours_x2_over_ours_x1": _ratio(rate.get("ours x2"), rate.get("ours x1")),
            "ours_x2_over_stock": _ratio(rate.get("ours x2"), rate.get("stock x1")),
        }
    return values


def ratio_table(values: dict[int, dict[str, float]]) -> str:
    lines = [
        f"| concurrent | ours x1 / stock (target >= {TARGET_SAME_PROCESSES}) | ours x2 / ours x1 "
        f"| ours x2 / stock (target >= {TARGET_TWO_PROCESSES}) |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for level, row in values.items():
        lines.append(
            f"| {level} | {_verdict(row['ours_x1_over_stock'], TARGET_SAME_PROCESSES)} | "
            f"{row['ours_x2_over_ours_x1']:.2f}x | "
            f"{_verdict(row['ours_x2_over_stock'], TARGET_TWO_PROCESSES)} |"
        )
    return "\n".join(lines)


def as_json(figures: Figures) -> dict[int, dict[str, dict]]:
    return {
        level: {
            name: {
                "answered": r.answered,
                "errors": r.errors,
                "per_second": r.per_second,
                "p50_ms": r.percentile_ms(50),
                "p95_ms": r.percentile_ms(95),
                "p99_ms": r.percentile_ms(99),
                "cpu_seconds": r.cpu_seconds,
            }
            for name, r in by_bot.items()
        }
        for level, by_bot in figures.items()
    }


def _ratio(numerator: float | None, denominator: float | None) -> float:
    if not numerator or not denominator:
        return math.nan
    return numerator / denominator


def _verdict(value: float, target: float) -> str:
    return f"{value:.2f}x {'met' if value >= target else 'NOT met'}"
