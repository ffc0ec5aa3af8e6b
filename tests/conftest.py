"""Suite-wide settings.

Hypothesis never times an example (a loaded machine is not a bug). The app's log goes to a
temporary file for the whole run (``KINERJA_LOG``, inherited by the apps and commands the
tests start), not to data/kinerja.log of the checkout.
"""

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings

settings.register_profile(
    "kinerja", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("kinerja")

os.environ.setdefault(
    "KINERJA_LOG", str(Path(tempfile.mkdtemp(prefix="kinerja-uji-log-")) / "kinerja.log")
)
