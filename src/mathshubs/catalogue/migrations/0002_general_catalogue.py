"""A catalogue general enough for every year's menu (ISSUE 12): projects without a code
(known by a slug in their year), in the menu's order, flagged NEW, formerly known as,
centrally led, delivered with partners, titled per phase, with phase and type left open
in a draft; and the year's facts and targets."""

from django.db import migrations, models
from django.utils.text import slugify


def slugs_and_positions(apps, schema_editor):
    NCP = apps.get_model("catalogue", "NCP")
    taken: dict[int, set[str]] = {}
    changed = []
    rows = NCP.objects.order_by("year_id", "number", "suffix", "pk")
    for position, ncp in enumerate(rows.iterator()):
        mine = taken.setdefault(ncp.year_id, set())
        base = (slugify(ncp.title)[:70] or "project").strip("-")
        slug, n = base, 2
        while slug in mine:
            slug, n = f"{base}-{n}", n + 1
        mine.add(slug)
        ncp.slug, ncp.position = slug, position
        changed.append(ncp)
    NCP.objects.bulk_update(changed, ["slug", "position"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="academicyear",
            name="hubs",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="academicyear",
            name="llmes_per_hub",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, help_text="Active LLMEs expected of each hub"
            ),
        ),
        migrations.AddField(
            model_name="academicyear",
            name="llmes_national",
            field=models.PositiveIntegerField(
                blank=True, null=True, help_text="Active LLMEs expected nationally"
            ),
        ),
        migrations.AddField(
            model_name="academicyear",
            name="fully_funded",
            field=models.BooleanField(
                blank=True, null=True, help_text="The menu says its projects are fully funded"
            ),
        ),
        migrations.AlterField(
            model_name="ncp", name="code", field=models.CharField(blank=True, max_length=16)
        ),
        migrations.AddField(
            model_name="ncp",
            name="slug",
            field=models.SlugField(default="", max_length=80),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="ncp", name="position", field=models.PositiveIntegerField(default=0)
        ),
        migrations.AlterField(
            model_name="ncp",
            name="number",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="ncp",
            name="phase_titles",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="ncp", name="formerly", field=models.JSONField(blank=True, default=list)
        ),
        migrations.AddField(
            model_name="ncp",
            name="is_new",
            field=models.BooleanField(default=False, help_text="Flagged NEW in the year's menu"),
        ),
        migrations.AddField(
            model_name="ncp", name="centrally_led", field=models.BooleanField(default=False)
        ),
        migrations.AddField(
            model_name="ncp", name="partners", field=models.JSONField(blank=True, default=list)
        ),
        migrations.AlterField(
            model_name="ncp",
            name="ncp_type",
            field=models.CharField(
                blank=True,
                max_length=20,
                choices=[
                    ("work_group", "Work Group"),
                    ("programme", "Programme"),
                    ("community", "Community"),
                    ("intensive_support", "Intensive Support"),
                    ("programme_cohort", "Programme cohort"),
                    ("llme_community", "LLME Community"),
                ],
            ),
        ),
        migrations.RunPython(slugs_and_positions, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="ncp",
            options={
                "ordering": ["year__start_year", "position", "number", "suffix"],
                "verbose_name": "NCP",
                "verbose_name_plural": "NCPs",
            },
        ),
        migrations.AddConstraint(
            model_name="ncp",
            constraint=models.UniqueConstraint(
                condition=~models.Q(code=""), fields=("code",), name="catalogue_ncp_code_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="ncp",
            constraint=models.UniqueConstraint(
                fields=("year", "slug"), name="catalogue_ncp_slug_unique"
            ),
        ),
    ]
