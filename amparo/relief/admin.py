from django.contrib import admin

from amparo.relief.models import Decision, PolicyRegime, Request, RequestType


@admin.register(RequestType)
class RequestTypeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(Request)
class RequestAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(PolicyRegime)
class PolicyRegimeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]
