from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from amparo.deadlines.models import CalendarFeed, CourtClosure, Deadline
from amparo.deadlines.services import closure_add


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ["__str__", "rule", "due_on", "court_set", "done_at", "created_at"]
    list_filter = ["rule", "court_set"]
    readonly_fields = ["steps", "computed_on", "trigger_on", "days"]


@admin.register(CourtClosure)
class CourtClosureAdmin(admin.ModelAdmin):
    """Site staff record the days a court is closed; deadlines counted later treat them as
    legal holidays."""

    list_display = ["on", "court", "reason", "created_at"]
    list_filter = ["court"]
    date_hierarchy = "on"
    fields = ["on", "court", "reason"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        saved = closure_add(actor=request.user, on=obj.on, reason=obj.reason, court=obj.court)  # type: ignore[arg-type]
        obj.pk = saved.pk


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "case", "created_at", "revoked_at"]
    readonly_fields = ["prefix", "token_digest", "user", "case"]
