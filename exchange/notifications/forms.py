from django import forms

from .models import Channel
from .notices import KINDS


class PreferencesForm(forms.Form):
    """One choice of channel per kind of notice."""

    def __init__(self, *args, initial_choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for key, kind in KINDS.items():
            self.fields[key] = forms.ChoiceField(
                label=kind.label,
                help_text=kind.help,
                choices=Channel.choices,
                initial=initial_choices.get(key, kind.default),
                widget=forms.RadioSelect,
            )
