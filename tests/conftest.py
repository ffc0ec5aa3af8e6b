"""Suite-wide settings: Hypothesis never times an example (a loaded machine is not a bug)."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "kinerja", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("kinerja")
