import pytest
from django.core.exceptions import ValidationError

from notifications.models import Notification
from notifications.phones import phone_mask, phone_normalize, phone_scrub
from notifications.services import notify


@pytest.mark.parametrize(
    "typed",
    [
        "081234567890",
        "0812-3456-7890",
        "0812 3456 7890",
        "(0812) 3456-7890",
        "+6281234567890",
        "+62 812-3456-7890",
        "6281234567890",
        "62 812 3456 7890",
        "tel:+62-812-3456-7890",
        "TEL: 0812 3456 7890",
    ],
)
def test_indonesian_forms_normalise_to_e164(typed):
    assert phone_normalize(typed) == "+6281234567890"


def test_landline_and_foreign_numbers():
    assert phone_normalize("(0556) 21234") == "+6255621234"  # Nunukan landline
    assert phone_normalize("+60 12-345 6789") == "+60123456789"  # Malaysia (Tawau is next door)


@pytest.mark.parametrize("typed", ["", "12345", "abc", "0812", "+62 000", "tel:", "08123456789012345"])
def test_invalid_numbers_raise_a_clear_error(typed):
    with pytest.raises(ValidationError) as error:
        phone_normalize(typed)
    assert "Nomor telepon tidak valid" in error.value.messages[0]


def test_field_error_names_the_field():
    with pytest.raises(ValidationError) as error:
        phone_normalize("123", field="phone")
    assert list(error.value.message_dict) == ["phone"]


def test_mask_keeps_last_three_digits():
    assert phone_mask("+6281234567890") == "••••••••••890"
    assert phone_scrub("to 081234567890 / 6281234567890 / +6281234567890", "+6281234567890").count("890") == 3
    assert "1234567" not in phone_scrub("to 081234567890 / 6281234567890", "+6281234567890")


@pytest.mark.django_db
def test_notify_refuses_an_invalid_number_before_creating_anything():
    with pytest.raises(ValidationError):
        notify(recipients=["warga@example.com", "tel:0812"], subject="s", body="b", dedupe_key="k")
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_notify_stores_the_e164_number():
    [notification] = notify(recipients=["tel:0812 3456 7890"], subject="s", body="b", dedupe_key="k")
    assert notification.phone == "+6281234567890"
    assert notification.recipient_key.startswith("p:")
    assert "6281234567890" not in notification.recipient_key
