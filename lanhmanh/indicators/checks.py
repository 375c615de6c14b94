"""A catalogue name nobody registered is reported at start-up (``manage.py check``,
``runserver``), not found later as a figure that silently became typed."""

from django.core import checks


def unresolved_compute_names(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from . import registry
    from .catalogue import INDICATORS

    return [
        checks.Warning(
            f"indicator {spec.code!r} is computed by {spec.compute!r}, which no app registers",
            hint="Register the function in the owning app's AppConfig.ready "
            "(lanhmanh.indicators.registry.register).",
            id="indicators.W001",
        )
        for spec in INDICATORS
        if spec.compute and registry.function_for(spec.compute) is None
    ]
