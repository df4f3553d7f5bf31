import datetime

from django.db import migrations


def load(apps, schema_editor):
    """The enforcement-priority regimes of DOMAIN.md §6, by slug; see relief/policy_regimes.py
    for the date choices."""
    from amparo.relief.policy_regimes import DEFAULT_POLICY_REGIMES

    PolicyRegime = apps.get_model("relief", "PolicyRegime")
    for row in DEFAULT_POLICY_REGIMES:
        defaults = dict(row)
        slug = defaults.pop("slug")
        for key in ("effective_from", "effective_to"):
            if defaults[key]:
                defaults[key] = datetime.date.fromisoformat(defaults[key])
        PolicyRegime.objects.update_or_create(slug=slug, defaults=defaults)


def unload(apps, schema_editor):
    from amparo.relief.policy_regimes import DEFAULT_POLICY_REGIMES

    PolicyRegime = apps.get_model("relief", "PolicyRegime")
    PolicyRegime.objects.filter(slug__in=[r["slug"] for r in DEFAULT_POLICY_REGIMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("relief", "0004_request_type_release_and_overdue")]
    operations = [migrations.RunPython(load, unload)]
