"""Badge classes (what can be earned), awards (who earned it, with the signed
credential) and the issuer's signing keys."""

import secrets
import uuid

import swapper
from django.conf import settings
from django.db import models
from django.forms import CheckboxSelectMultiple
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.images import get_image_model_string


class BadgeClass(ClusterableModel):
    """One badge: for finishing a course or a programme, or for an approved
    stretch project of one template. Made for the curriculum by the
    `badge_classes` command (or when first earned); trainers edit the words,
    the image and the competencies it aligns to."""

    class Kind(models.TextChoices):
        COURSE = "course", "Course completed"
        PROGRAMME = "programme", "Programme completed"
        PROJECT = "project", "Stretch project approved"

    kind = models.CharField(max_length=10, choices=Kind.choices, editable=False)
    page = models.ForeignKey(
        swapper.get_model_name("wagtailcore", "Page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
    )
    template = models.ForeignKey(
        "courses.StretchTemplate",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
    )
    name = models.CharField(max_length=200)
    description = models.TextField(
        help_text="One or two sentences: what the badge recognises."
    )
    criteria = models.TextField(
        help_text="What a learner did to earn it, as the credential states it."
    )
    image = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A square PNG; without one, a round badge with the name is drawn.",
    )
    competencies = ParentalManyToManyField(
        "courses.Competency",
        blank=True,
        help_text="The competencies the credential says this badge aligns to.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("criteria"),
        FieldPanel("image"),
        FieldPanel("competencies", widget=CheckboxSelectMultiple),
    ]

    class Meta:
        verbose_name = "badge class"
        verbose_name_plural = "badge classes"
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["page"],
                condition=models.Q(page__isnull=False),
                name="one_badge_class_per_page",
            ),
            models.UniqueConstraint(
                fields=["template"],
                condition=models.Q(template__isnull=False),
                name="one_badge_class_per_template",
            ),
        ]

    def __str__(self):
        return self.name


def new_salt():
    return secrets.token_hex(16)


class BadgeAward(models.Model):
    """A badge a learner earned, once per learner and badge class, with its
    OpenBadgeCredential signed as a VC-JWT. Revoking keeps the row (and its
    place on the status list) with who revoked it and why."""

    wagtail_reference_index_ignore = True

    # The integer key is the award's place on the status lists; the UUID is
    # its public name, in the credential's URL.
    credential_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    badge_class = models.ForeignKey(
        BadgeClass, on_delete=models.PROTECT, related_name="awards"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="badges"
    )
    # Whose cohort managers may revoke it: the enrolment it was earned in.
    enrolment = models.ForeignKey(
        "lms.Enrolment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assignment = models.ForeignKey(
        "lms.StretchAssignment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    awarded_at = models.DateTimeField()
    # Salts the hash of the learner's email in the credential, so the same
    # person's credentials cannot be linked by their identity hash.
    salt = models.CharField(max_length=32, default=new_salt, editable=False)
    share_evidence = models.BooleanField(
        default=False,
        help_text="The learner lets the credential carry the project's rubric summary.",
    )
    credential_jwt = models.TextField(blank=True)
    signed_with = models.CharField(max_length=64, blank=True)  # the key's kid
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoke_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-awarded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "badge_class"], name="one_award_per_badge"
            )
        ]

    def __str__(self):
        return f"{self.badge_class} for {self.learner}"

    @property
    def revoked(self):
        return self.revoked_at is not None


class IssuerKey(models.Model):
    """An RSA key the issuer signs with. One is active; rotating retires it,
    and retired keys stay published so what they signed still verifies."""

    kid = models.CharField(max_length=64, unique=True)
    public_jwk = models.JSONField()
    # PKCS#8 PEM encrypted with LMS_BADGES_KEY_PASSPHRASE; empty when the
    # private half lives in LMS_BADGES_SIGNING_KEY_FILE instead.
    private_pem = models.TextField(blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["active"],
                condition=models.Q(active=True),
                name="one_active_issuer_key",
            )
        ]

    def __str__(self):
        return f"{self.kid} ({'active' if self.active else 'retired'})"
