"""The learner side of rltf: DeepSpeed engine, RLTF loss, learner steps, online buffer, weight streaming, checkpoints,
run state (RNG, save, resume), metrics."""
