"""rltf's judge and RLTF rewards as drop-ins for other trainers: TRL (`rltf.adapters.trl`), verl
(`rltf.adapters.verl`), OpenRLHF (`rltf.adapters.openrlhf`, `python -m rltf.adapters serve`); data sets in
their layouts with `python -m rltf.adapters export`. Trainer packages are imported only by the module that
needs them, so importing this package needs none of them.
"""

from rltf.adapters.labels import Label, LabelError, parse_label
from rltf.adapters.reward import Judged, JudgeUnavailable, Rewarder, from_env

__all__ = ["Judged", "JudgeUnavailable", "Label", "LabelError", "Rewarder", "from_env", "parse_label"]
