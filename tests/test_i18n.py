"""The translation table: both languages for every key, and every key the code asks for exists."""

from __future__ import annotations

import re
import string

from tests.conftest import REPO
from ui.i18n import LANGUAGES, TEXT, t


def test_every_key_has_every_language_with_the_same_placeholders() -> None:
    for key, texts in TEXT.items():
        assert set(texts) == set(LANGUAGES), key
        fields = {lang: {f for _, f, _, _ in string.Formatter().parse(text) if f} for lang, text in texts.items()}
        assert fields["en"] == fields["zh"], key
        assert all(text.strip() for text in texts.values()), key


def test_every_key_used_in_the_code_exists() -> None:
    # Literal keys passed to t("...") anywhere in the app's code.
    used = set()
    for path in [REPO / "app.py", *(REPO / "pages").glob("*.py"), *(REPO / "ui").glob("*.py")]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_]+)["']""", path.read_text(encoding="utf-8")))
    missing = sorted(used - set(TEXT))
    assert not missing, f"keys used but not translated: {missing}"


def test_glossary_terms() -> None:
    # SPEC §7 glossary, a sample of the terms a director reads most.
    assert t("approval_rate", "zh") == "批贷率"
    assert t("npl_ratio", "zh") == "不良率"
    assert t("officer", "zh") == "客户经理"
    assert t("five_tier_substandard", "zh") == "次级"
    assert t("n_warnings", "en", n=3).startswith("3 warning")
