"""The learner side of rltf: DeepSpeed engine, RLTF loss, online buffer, weight streaming, checkpoints, metrics."""
