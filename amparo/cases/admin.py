from django.contrib import admin

from amparo.cases.models import Arrest, Case, Note


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(Arrest)
class ArrestAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]
