from django.contrib import admin

from amparo.courts.models import Court, CourtCase, Filing, Hearing, Order, Proceeding, Respondent


@admin.register(Court)
class CourtAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(Proceeding)
class ProceedingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(CourtCase)
class CourtCaseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(Respondent)
class RespondentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(Filing)
class FilingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(Hearing)
class HearingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]
