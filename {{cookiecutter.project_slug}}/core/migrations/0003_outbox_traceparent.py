from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0002_outbox")]

    operations = [
        migrations.AddField(
            model_name="outboxevent",
            name="traceparent",
            field=models.CharField(blank=True, default="", max_length=55),
        ),
    ]
