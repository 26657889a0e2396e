"""Debian's Chromium driven by Playwright, and axe-core injected into pages."""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

HERE = Path(__file__).resolve().parent
AXE = HERE / ".axe" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOTS = HERE.parent.parent / "docs" / "screenshots"


def axe_source() -> str:
    if not AXE.exists():
        subprocess.run([str(HERE / "get_axe.sh")], check=True)
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Page, source: str) -> list[dict[str, Any]]:
    """Serious and critical WCAG 2.1 A/AA (and best-practice) violations on the page now."""
    page.evaluate(source + "\n;true")  # through DevTools: the pages' CSP forbids inline scripts
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
        }"""
    )
    return [violation for violation in result if violation["impact"] in {"serious", "critical"}]


def screenshot(page: Page, name: str, full_page: bool = False) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
