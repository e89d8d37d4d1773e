"""Writers: read a :class:`unrender.ast.Document` and produce an output format. They never change it."""
