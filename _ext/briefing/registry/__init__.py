"""The registry (pure): the model of kinds and entities, and its YAML files read, checked and cached.
Imports the utilities and language floors.
"""
