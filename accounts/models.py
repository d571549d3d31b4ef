import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from timezone_field import TimeZoneField

REFERRAL_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud without doubt


def new_referral_code() -> str:
    return "".join(secrets.choice(REFERRAL_ALPHABET) for _ in range(8))


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person: patient, practitioner, secretary, editor or staff.

    Kept minimal on purpose (health data minimisation): nothing about why someone consults.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("SMS")

    username = None
    email = models.EmailField(_("email address"), unique=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    phone_verified = models.BooleanField(_("phone verified"), default=False)
    preferred_channel = models.CharField(
        _("preferred contact channel"), max_length=8, choices=Channel.choices, default=Channel.EMAIL
    )
    language = models.CharField(_("language"), max_length=8, default="fr")
    time_zone = TimeZoneField(_("time zone"), default="Europe/Paris")
    # --- Optional, never asked at booking; shown to a practitioner only once booked with them --
    sex = models.CharField(
        _("sex"),
        max_length=12,
        blank=True,
        choices=[("female", _("Female")), ("male", _("Male")), ("other", _("Other"))],
    )
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    about_needs = models.TextField(
        _("what you would like your practitioner to know"), max_length=1000, blank=True
    )
    # --- A patient under 18 books with a guardian's consent -------------------------------------
    is_minor = models.BooleanField(_("under 18"), default=False)
    guardian_name = models.CharField(_("guardian's name"), max_length=150, blank=True)
    guardian_contact = models.CharField(_("guardian's phone or email"), max_length=254, blank=True)
    guardian_consent_at = models.DateTimeField(
        _("guardian's consent given on"), null=True, blank=True
    )
    referral_code = models.CharField(
        _("referral code"), max_length=12, unique=True, default=new_referral_code, editable=False
    )
    #: Set when the person's data was erased (`accounts.services.account_erase`): the row stays
    #: for the bookings, ledger and fee notes that point to it, with nothing personal left.
    erased_at = models.DateTimeField(_("erased on"), null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        if self.erased_at is not None:
            return str(_("Deleted account"))
        return super().get_full_name()

    @property
    def needs_guardian_consent(self) -> bool:
        return self.is_minor and not (
            self.guardian_name and self.guardian_contact and self.guardian_consent_at
        )
