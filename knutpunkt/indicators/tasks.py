"""Background tasks of the indicators app, on the database task queue (django-tasks): refreshing the forecasts and
early warnings takes a few seconds, so an import or an administrator can queue it instead of waiting for it."""

from __future__ import annotations

from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from knutpunkt.indicators.forecasting import DEFAULT_HORIZON
from knutpunkt.indicators.models import EarlyWarning
from knutpunkt.indicators.refresh import refresh_forecasts


@task()
def refresh_forecasts_task(horizon: int = DEFAULT_HORIZON) -> dict[str, float]:
    """Forecast every key figure for every municipality and find the early warnings (knutpunkt/indicators/refresh.py).
    Returns the new run's id, its number of series and warnings, and the seconds it took."""
    run = refresh_forecasts(horizon=horizon)
    return {
        "run": run.pk,
        "series": run.series,
        "warnings": EarlyWarning.objects.filter(run=run).count(),
        "seconds": run.seconds,
    }


def enqueue_refresh_forecasts() -> bool:
    """Queue a refresh unless one is already waiting (a second would redo the same work); True when queued."""
    waiting = DBTaskResult.objects.filter(
        task_path=refresh_forecasts_task.module_path, status=TaskResultStatus.READY
    ).exists()
    if waiting:
        return False
    refresh_forecasts_task.enqueue()
    return True
