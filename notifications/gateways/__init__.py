"""HTTP adapters for the phone channels: WhatsApp Business Cloud API and a configurable SMS gateway."""
