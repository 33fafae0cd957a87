"""The section types, one module each (the table of them is ``lessonkit.model.SECTION_MODELS``)."""
