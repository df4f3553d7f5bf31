from django.contrib import admin

from amparo.deadlines.models import Deadline


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]
