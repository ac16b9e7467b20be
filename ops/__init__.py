"""Operations: health checks (``/health/``), the worker heartbeat, the staff ops endpoint and
``ops_token``, and the one mechanism that syncs every app's ``schedules.py`` into django-q2."""
