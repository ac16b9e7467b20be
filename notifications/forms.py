"""The notification profile form: the user's account settings panel and the admins' screen."""

from django import forms

from .models import NotificationProfile
from .phones import phone_normalize


class NotificationProfileForm(forms.ModelForm):
    class Meta:
        model = NotificationProfile
        fields = ["phone", "whatsapp_opt_in", "sms_opt_in", "email_opt_in", "daily_digest"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"})}

    def clean_phone(self) -> str:
        """Any form Indonesians type is accepted and stored as E.164 (``NotificationProfile.clean``
        also asks for a number when WhatsApp or SMS is chosen)."""
        value = self.cleaned_data.get("phone", "").strip()
        return phone_normalize(value) if value else ""
