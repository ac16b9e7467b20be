"""Notifications: the in-admin list, delivery over channels (email, WhatsApp, SMS), delivery
records, users' phone numbers and channel choices, quiet hours. Other apps call
``notifications.services.notify`` and ``notifications.profiles.contact_phone_for`` only."""
