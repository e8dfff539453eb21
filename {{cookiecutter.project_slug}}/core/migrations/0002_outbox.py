import uuid

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="OutboxEvent",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("topic", models.CharField(db_index=True, max_length=200)),
                ("payload", models.TextField()),
                ("aggregate_id", models.CharField(db_index=True, max_length=100)),
                (
                    "created_at",
                    models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[("pending", "Pending"), ("dispatched", "Dispatched")],
                        default="pending",
                        max_length=20,
                    ),
                ),
                ("dispatched_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "ordering": ("created_at", "id"),
                "indexes": [
                    models.Index(fields=["state", "created_at"], name="core_outbox_pending")
                ],
            },
        ),
        migrations.CreateModel(
            name="EventDelivery",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("subscriber", models.CharField(max_length=200)),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("retrying", "Retrying"),
                            ("handled", "Handled"),
                            ("failed", "Failed"),
                        ],
                        default="retrying",
                        max_length=20,
                    ),
                ),
                ("attempts", models.PositiveIntegerField(default=0)),
                ("last_error", models.TextField(blank=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="deliveries",
                        to="core.outboxevent",
                    ),
                ),
            ],
            options={
                "ordering": ("-updated_at", "id"),
                "indexes": [
                    models.Index(fields=["state", "subscriber"], name="core_delivery_state")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("subscriber", "event"), name="core_delivery_once"
                    )
                ],
            },
        ),
    ]
