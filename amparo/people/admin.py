from django.contrib import admin

from amparo.people.models import LifeEvent, Person, Relative


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(Relative)
class RelativeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(LifeEvent)
class LifeEventAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]
