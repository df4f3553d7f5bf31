from django.contrib import admin

from amparo.relief.models import Assessment, Decision, PolicyRegime, Request, RequestType


@admin.register(RequestType)
class RequestTypeAdmin(admin.ModelAdmin):
    """Request types are data: admins edit who decides, appeals, next steps and thresholds."""

    list_display = [
        "name",
        "slug",
        "decided_by",
        "appeal_available",
        "seeks_release",
        "overdue_after_hours",
        "active",
    ]
    list_filter = ["decided_by", "active"]
    search_fields = ["name", "slug", "legal_basis"]


@admin.register(Request)
class RequestAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "submitted_at", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["case", "submitted_by", "field_office"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outcome", "reasons_given", "created_at"]
    raw_id_fields = ["request", "recorded_by"]


@admin.register(PolicyRegime)
class PolicyRegimeAdmin(admin.ModelAdmin):
    """Enforcement-priority regimes by date; a date no row covers answers "none recorded"."""

    list_display = ["name", "slug", "effective_from", "effective_to", "authority"]
    search_fields = ["name", "slug", "source"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "regime", "created_at"]
    raw_id_fields = ["request", "assessed_by"]
