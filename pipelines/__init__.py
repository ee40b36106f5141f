"""Everything that knows SQL: the data contract, validation, loading, the build, the demo generator."""
