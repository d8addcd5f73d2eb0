"""Problems (one schema for every data set), their loaders, prompts and code extraction."""

from rltf.data.config import load_config
from rltf.data.registry import DATASETS, load
from rltf.data.schema import Problem
from rltf.data.source import DataError

__all__ = ["DATASETS", "DataError", "Problem", "load", "load_config"]
