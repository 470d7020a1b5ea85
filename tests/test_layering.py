"""`make lint` refuses an import against the layers: tried on a copy of the code, never on it."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = [
    "idekammare",
    "home",
    "news",
    "events",
    "members",
    "member_review",
    "positions",
    "calls",
    "needs",
    "council",
    "search",
    "bench",
    "tests",
]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


@pytest.fixture
def copy_of_the_code(tmp_path):
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def lint_imports(directory):
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache"], cwd=directory, capture_output=True, text=True, check=False
    )


def add_import(module_file, statement):
    source = module_file.read_text()
    module_file.write_text(f"{statement}  # noqa\n{source}")


def test_the_code_as_it_is_keeps_every_contract(copy_of_the_code):
    result = lint_imports(copy_of_the_code)
    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "statement", "contract"),
    [
        ("home/core/listing.py", "import positions.models", "Capabilities import one way"),
        (
            "members/models/directory.py",
            "import member_review.models",
            "Capabilities import one way",
        ),
        ("news/models.py", "import members.models", "news imports no peer"),
        ("idekammare/api.py", "import search.queries", "Nothing imports search/ or bench/"),
        ("home/tests/test_admin.py", "import positions.factories", "Capabilities import one way"),
        ("home/contact.py", "import idekammare.throttling", "Capabilities import one way"),
        ("calls/answers.py", "import needs.models", "Capabilities import one way"),
        ("positions/tests/test_feeds.py", "import members.tests", "tests import no other app"),
    ],
)
def test_an_import_against_the_layers_fails_the_lint(copy_of_the_code, module, statement, contract):
    add_import(copy_of_the_code / module, statement)
    result = lint_imports(copy_of_the_code)
    assert result.returncode != 0
    assert contract in result.stdout.replace("\n", " ")
    assert "BROKEN" in result.stdout
