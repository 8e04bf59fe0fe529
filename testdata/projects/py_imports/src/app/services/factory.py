from ..client import get_client as make
from ..core import config as cfg


def ask(question):
    return make().chat.completions.create(model=cfg.settings.default_model, messages=[])  # expect: OR003, OR005
