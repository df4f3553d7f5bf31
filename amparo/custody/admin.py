from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from amparo.custody.models import Facility, FieldOffice, Placement
from amparo.relief.reporting import reported_offices_refresh


@admin.register(FieldOffice)
class FieldOfficeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]

    def save_model(self, request: HttpRequest, obj: FieldOffice, form: Any, change: bool) -> None:
        """A renamed office is renamed in the reports too, in the admin's transaction."""
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            reported_offices_refresh(field_offices=[obj.pk])


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]
