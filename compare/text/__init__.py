"""Reading text: inputs made safe (``inputs``), sentences and sections with offsets (``segment``),
token analysis (``nlp``, with ``attribute_ruler``), and what the checks know about words (``lexicon``),
figures (``numbers``), names (``names``) and places (``places``)."""
