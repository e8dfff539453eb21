from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from core.events.models import EventDelivery, OutboxEvent
from core.events.replay import replay
from core.models import User

admin.site.register(User, UserAdmin)


class DeliveryInline(admin.TabularInline):  # type: ignore[type-arg]  # generic in stubs only
    model = EventDelivery
    extra = 0
    can_delete = False
    readonly_fields = ("subscriber", "state", "attempts", "last_error", "updated_at")


@admin.register(OutboxEvent)
class OutboxEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in stubs only
    """The outbox, read-only: what was published, and whether it was handed on."""

    list_display = ("topic", "aggregate_id", "state", "created_at", "dispatched_at")
    list_filter = ("state", "topic")
    search_fields = ("=id", "=aggregate_id", "topic")
    readonly_fields = ("id", "topic", "payload", "aggregate_id", "created_at", "state")
    inlines = (DeliveryInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(EventDelivery)
class EventDeliveryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in stubs only
    """Each subscriber's handling of each event; failed ones can be replayed from here."""

    list_display = ("subscriber", "event", "state", "attempts", "updated_at")
    list_filter = ("state", "subscriber")
    search_fields = ("=event__id", "subscriber")
    readonly_fields = ("event", "subscriber", "state", "attempts", "last_error", "updated_at")
    actions = ("replay_selected",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Replay the selected failed deliveries")
    def replay_selected(self, request: HttpRequest, queryset: QuerySet[EventDelivery]) -> None:
        replayed = replay(queryset.filter(state=EventDelivery.State.FAILED))
        self.message_user(request, f"Replayed {replayed} failed deliveries.")
