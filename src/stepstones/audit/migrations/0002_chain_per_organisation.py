"""One audit chain per organisation; the old single chain becomes the system chain (key 0)."""

from django.conf import settings
from django.db import migrations, models


def head_to_system_chain(apps, schema_editor):  # type: ignore[no-untyped-def]
    # The single chain's head was row 1; the system chain's key is 0. Its events keep chain 0.
    apps.get_model("audit", "ChainHead").objects.filter(id=1).update(id=0)


def head_back(apps, schema_editor):  # type: ignore[no-untyped-def]
    heads = apps.get_model("audit", "ChainHead").objects
    if (
        heads.exclude(id=0).exists()
        or apps.get_model("audit", "AuditEvent").objects.exclude(chain=0).exists()
    ):
        raise RuntimeError("organisations' chains cannot be folded back into one chain")
    heads.filter(id=0).update(id=1)


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0001_initial"),
        ("audit", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="auditevent",
            options={"ordering": ["chain", "seq"], "verbose_name": "audit event"},
        ),
        migrations.AddField(
            model_name="auditevent",
            name="chain",
            field=models.PositiveBigIntegerField(default=0),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AlterField(
            model_name="chainhead",
            name="id",
            field=models.PositiveBigIntegerField(primary_key=True, serialize=False),
        ),
        migrations.RunPython(head_to_system_chain, head_back),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["-at", "-id"], name="audit_newest_first"),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(fields=("chain", "seq"), name="audit_chain_seq"),
        ),
    ]
