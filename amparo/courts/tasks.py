"""Background task (django-tasks): the sweep of court orders past their compliance date, a thin
wrapper over `order_services.orders_check_overdue`, for deployments that schedule tasks rather
than cron (`amparo orders sweep` does the same from the command line)."""

from __future__ import annotations

from django_tasks import task

from amparo.courts.order_services import orders_check_overdue


@task()
def sweep_overdue_orders() -> int:
    """Raise the alert of every order overdue today in its organisation's zone; returns how many
    new alerts were raised (an order alerts once)."""
    return len(orders_check_overdue())
