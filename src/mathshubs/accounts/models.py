"""Accounts: the sign-in of a person whose main contact email the programme holds."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """The account of one person. Its email always equals the person's main contact email."""

    email = models.EmailField(max_length=254, unique=True)
    person = models.OneToOneField(
        "directory.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="user"
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(auto_now_add=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self) -> str:
        return self.email


class CodePurpose(models.TextChoices):
    CREATE_ACCOUNT = "create_account", "Create an account"
    RESET_PASSWORD = "reset_password", "Reset a password"


class VerificationCode(models.Model):
    """A short code emailed to confirm an address (GOV.UK 'Confirm an email address').

    Only a hash is stored. A code expires, allows a few attempts, and a new one
    replaces the old when the person asks to resend.
    """

    email = models.EmailField(max_length=254, db_index=True)
    purpose = models.CharField(max_length=20, choices=CodePurpose.choices)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    # False when the address is not a held main contact email: the code page looks the
    # same, but no code can ever match.
    is_valid_target = models.BooleanField(default=True)

    class Meta:
        indexes = [models.Index(fields=["email", "purpose", "created_at"])]


class LoginFailure(models.Model):
    """A failed password sign-in, counted to slow down guessing."""

    email = models.EmailField(max_length=254, db_index=True)
    at = models.DateTimeField(auto_now_add=True)


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 hash is kept; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
