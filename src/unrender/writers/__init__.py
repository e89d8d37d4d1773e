"""Writers: read a :class:`unrender.ast.Document` and produce one output format; never change it."""
