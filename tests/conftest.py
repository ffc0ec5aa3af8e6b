"""Suite-wide settings.

Hypothesis never times an example and no file's parse is cut short by a loaded machine (a
slow run is not a bug). The app's log goes to a
temporary file for the whole run (``KINERJA_LOG``, inherited by the apps and commands the
tests start), not to data/kinerja.log of the checkout.
"""

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests import databases

settings.register_profile(
    "kinerja", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("kinerja")

# A loaded machine parses slowly: files get a minute here; the tests of the time limit
# itself pass their own ``timeout_s`` (and their jobs never finish on their own).
os.environ.setdefault("KINERJA_PARSE_TIMEOUT", "60")
os.environ.setdefault(
    "KINERJA_LOG", str(Path(tempfile.mkdtemp(prefix="kinerja-uji-log-")) / "kinerja.log")
)


def pytest_generate_tests(metafunc):
    """A test asking for ``db_backend`` (directly or through ``db_url``) runs on each backend."""
    if "db_backend" in metafunc.fixturenames:
        metafunc.parametrize("db_backend", databases.backends())


@pytest.fixture
def db_url(db_backend, tmp_path):
    """URL of a new empty database on the backend under test."""
    with databases.fresh_database(db_backend, tmp_path) as url:
        yield url


@pytest.fixture(scope="session")
def _drop_templates():
    made: list[str] = []
    yield made
    for url in made:
        if url.startswith("postgresql"):
            databases.drop_postgres(url)


@pytest.fixture(scope="session")
def fixtures_dir(tmp_path_factory) -> Path:
    """The shared example files (../shared/fixtures) as built in code
    (tests/ingest/shared_builders.py), so a fresh clone runs every test over them."""
    from tests.ingest.shared_builders import write_folder

    return write_folder(tmp_path_factory.mktemp("fixtures"))
