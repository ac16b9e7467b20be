"""Notifications: the channels (email, in-admin; later SMS/WhatsApp), message templates and delivery
records. Domain apps call ``services.notify``; a dedupe key makes repeated notices free."""
