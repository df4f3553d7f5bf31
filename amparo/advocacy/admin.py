from django.contrib import admin

from amparo.advocacy.models import AdvocacyOrganisation, CongressionalOffice, Inquiry, Statement


@admin.register(CongressionalOffice)
class CongressionalOfficeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(Inquiry)
class InquiryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(AdvocacyOrganisation)
class AdvocacyOrganisationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]
