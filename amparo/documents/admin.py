from django.contrib import admin

from amparo.documents.models import Document, DocumentTemplate


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "template_slug", "privileged", "created_at"]
    list_filter = ["kind", "privileged"]
    readonly_fields = [
        "checksum",
        "size",
        "content_type",
        "template",
        "template_version",
        "template_checksum",
        "data",
        "data_checksum",
    ]


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "active", "created_at"]
    list_filter = ["slug", "active"]
    readonly_fields = ["checksum", "fields"]
