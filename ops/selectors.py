from .models import WorkerHeartbeat


def heartbeat_latest() -> WorkerHeartbeat | None:
    """The most recent heartbeat from any worker host, or None if no worker ever ran."""
    return WorkerHeartbeat.objects.order_by("-seen_at").first()
