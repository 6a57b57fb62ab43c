from django import forms
from django.utils.translation import gettext_lazy as _


class ProposeForm(forms.Form):
    first = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    second = forms.IntegerField(min_value=1, max_value=2**63 - 1)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        error_messages={"required": _("Choose to accept or to decline.")},
    )
    side = forms.ChoiceField(choices=[("first", "first"), ("second", "second")], required=False)

    def __init__(self, *args, sides, **kwargs):
        super().__init__(*args, **kwargs)
        self.sides = sides

    def clean_side(self):
        side = self.cleaned_data.get("side") or self.sides[0]
        if side not in self.sides:
            raise forms.ValidationError(_("Answer for an organisation you administer."))
        return side
