"""Language (pure): the analysers (Sudachi, jieba), OpenCC's written forms, the scripts of a text,
and one error for whatever an analyser raises.  Imports only the utilities.
"""
