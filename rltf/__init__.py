"""rltf: online reinforcement learning from unit-test feedback for code LLMs."""
