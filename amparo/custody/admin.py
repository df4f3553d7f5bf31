from django.contrib import admin

from amparo.custody.models import Facility, FieldOffice, Placement


@admin.register(FieldOffice)
class FieldOfficeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]
