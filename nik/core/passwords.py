"""The password rules with their messages in the product's own words.

Django's validators are used as they are; only their texts are ours. Django 5.2 changed the
short-password message, and its Dutch catalogue still has the old one, so that message came out
in English on the invitation page (issue 30). Our catalogue carries every message, in the
"je" the product speaks to parents with.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import gettext, ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short: use at least %(min_length)d character.",
            "This password is too short: use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "Use at least %(min_length)d character.",
            "Use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        # Django fills in the field's name (here: the e-mail address) as %(verbose_name)s.
        return gettext("This password looks too much like your %(verbose_name)s.")

    def get_help_text(self) -> str:
        return gettext("Your password must not look like your e-mail address or name.")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return gettext("Many people use this password: choose another one.")

    def get_help_text(self) -> str:
        return gettext("Do not use a password that many people use.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return gettext("This password is only digits: add letters.")

    def get_help_text(self) -> str:
        return gettext("Do not use only digits.")
