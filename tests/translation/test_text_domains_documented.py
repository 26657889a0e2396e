"""docs/translations.md lists every text domain, so translators and reviewers miss none."""
import re

from bot.paths import PROJECT_ROOT, translations_dir
from bot.translation.sources import text_domains

DOC = PROJECT_ROOT / "docs" / "translations.md"


def _table_rows(first_header: str) -> set[str]:
    """The first-column names (in backticks) of the table whose first header is given."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_header}"))
    names = set()
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        found = re.match(r"\| `([a-z_]+)` \|", line)
        assert found, f"a row without a text domain: {line}"
        names.add(found.group(1))
    return names


def test_every_text_domain_has_a_folder_of_translations() -> None:
    folders = {path.name for path in translations_dir().iterdir() if path.is_dir()}
    assert folders == set(text_domains())


def test_the_text_domain_table_lists_every_text_domain() -> None:
    assert _table_rows("text domain | English source") == set(text_domains())


def test_the_review_table_lists_every_text_domain() -> None:
    assert _table_rows("text domain | translations") == set(text_domains())
